#[doc(hidden)]
const _: () = {
    #[automatically_derived]
    impl ::graph_core::ODataType for NdesConnector {
        const ODATA_TYPE: &'static str = "#microsoft.graph.ndesConnector";
        const GRAPH_NAME: &'static str = "ndesConnector";
    }
    #[automatically_derived]
    impl ::graph_core::GraphEntity for NdesConnector {
        const COLLECTION_PATH: &'static str = "/deviceManagement/ndesConnectors";
        const KEY_PROPERTY: &'static str = "id";
        #[inline]
        fn key(&self) -> ::core::option::Option<&str> {
            ::core::option::Option::as_deref(&self.id)
        }
    }
    #[automatically_derived]
    impl ::graph_core::__private::serde::Serialize for NdesConnector {
        fn serialize<__S>(
            &self,
            __serializer: __S,
        ) -> ::core::result::Result<__S::Ok, __S::Error>
        where
            __S: ::graph_core::__private::serde::Serializer,
        {
            use ::graph_core::__private::serde::ser::SerializeMap as _;
            let __len = 1usize
                + ::core::primitive::usize::from(
                    ::core::option::Option::is_some(&self.id),
                )
                + ::core::primitive::usize::from(
                    ::core::option::Option::is_some(&self.last_connection_date_time),
                )
                + ::core::primitive::usize::from(
                    ::core::option::Option::is_some(&self.state),
                )
                + ::core::primitive::usize::from(
                    ::core::option::Option::is_some(&self.display_name),
                );
            let mut __map = __serializer
                .serialize_map(::core::option::Option::Some(__len))?;
            __map
                .serialize_entry(
                    "@odata.type",
                    <Self as ::graph_core::ODataType>::ODATA_TYPE,
                )?;
            if let ::core::option::Option::Some(__value) = &self.id {
                __map.serialize_entry("id", __value)?;
            }
            if let ::core::option::Option::Some(__value) = &self
                .last_connection_date_time
            {
                __map.serialize_entry("lastConnectionDateTime", __value)?;
            }
            if let ::core::option::Option::Some(__value) = &self.state {
                __map.serialize_entry("state", __value)?;
            }
            if let ::core::option::Option::Some(__value) = &self.display_name {
                __map.serialize_entry("displayName", __value)?;
            }
            __map.end()
        }
    }
    #[automatically_derived]
    impl<'de> ::graph_core::__private::serde::Deserialize<'de> for NdesConnector {
        fn deserialize<__D>(
            __deserializer: __D,
        ) -> ::core::result::Result<Self, __D::Error>
        where
            __D: ::graph_core::__private::serde::Deserializer<'de>,
        {
            struct __Visitor;
            impl<'de> ::graph_core::__private::serde::de::Visitor<'de> for __Visitor {
                type Value = NdesConnector;
                fn expecting(
                    &self,
                    __formatter: &mut ::core::fmt::Formatter<'_>,
                ) -> ::core::fmt::Result {
                    ::core::fmt::Formatter::write_str(
                        __formatter,
                        "a JSON object (ndesConnector)",
                    )
                }
                fn visit_map<__A>(
                    self,
                    mut __map: __A,
                ) -> ::core::result::Result<NdesConnector, __A::Error>
                where
                    __A: ::graph_core::__private::serde::de::MapAccess<'de>,
                {
                    const __PROPERTIES: &[&str] = &[
                        "id",
                        "lastConnectionDateTime",
                        "state",
                        "displayName",
                    ];
                    let mut __slot0: ::core::option::Option<Option<String>> = ::core::option::Option::None;
                    let mut __slot1: ::core::option::Option<Option<DateTimeOffset>> = ::core::option::Option::None;
                    let mut __slot2: ::core::option::Option<
                        Option<NdesConnectorState>,
                    > = ::core::option::Option::None;
                    let mut __slot3: ::core::option::Option<Option<String>> = ::core::option::Option::None;
                    while let ::core::option::Option::Some(__property) = __map
                        .next_key_seed(
                            ::graph_core::__private::PropertyKey::new(
                                __PROPERTIES,
                                false,
                            ),
                        )?
                    {
                        match __property {
                            ::graph_core::__private::Property::ODataType => {
                                __map
                                    .next_value_seed(
                                        ::graph_core::__private::ODataTypeCheck::new(
                                            <NdesConnector as ::graph_core::ODataType>::ODATA_TYPE,
                                        ),
                                    )?;
                            }
                            ::graph_core::__private::Property::Known(0usize) => {
                                if ::core::option::Option::is_some(&__slot0) {
                                    return ::core::result::Result::Err(
                                        ::graph_core::__private::duplicate_property("id"),
                                    );
                                }
                                __slot0 = ::core::option::Option::Some(
                                    __map.next_value::<Option<String>>()?,
                                );
                            }
                            ::graph_core::__private::Property::Known(1usize) => {
                                if ::core::option::Option::is_some(&__slot1) {
                                    return ::core::result::Result::Err(
                                        ::graph_core::__private::duplicate_property(
                                            "lastConnectionDateTime",
                                        ),
                                    );
                                }
                                __slot1 = ::core::option::Option::Some(
                                    __map.next_value::<Option<DateTimeOffset>>()?,
                                );
                            }
                            ::graph_core::__private::Property::Known(2usize) => {
                                if ::core::option::Option::is_some(&__slot2) {
                                    return ::core::result::Result::Err(
                                        ::graph_core::__private::duplicate_property("state"),
                                    );
                                }
                                __slot2 = ::core::option::Option::Some(
                                    __map.next_value::<Option<NdesConnectorState>>()?,
                                );
                            }
                            ::graph_core::__private::Property::Known(3usize) => {
                                if ::core::option::Option::is_some(&__slot3) {
                                    return ::core::result::Result::Err(
                                        ::graph_core::__private::duplicate_property("displayName"),
                                    );
                                }
                                __slot3 = ::core::option::Option::Some(
                                    __map.next_value::<Option<String>>()?,
                                );
                            }
                            _ => {
                                __map
                                    .next_value::<
                                        ::graph_core::__private::serde::de::IgnoredAny,
                                    >()?;
                            }
                        }
                    }
                    ::core::result::Result::Ok(NdesConnector {
                        id: ::core::option::Option::flatten(__slot0),
                        last_connection_date_time: ::core::option::Option::flatten(
                            __slot1,
                        ),
                        state: ::core::option::Option::flatten(__slot2),
                        display_name: ::core::option::Option::flatten(__slot3),
                    })
                }
            }
            __deserializer.deserialize_map(__Visitor)
        }
    }
};
///The unset states of the required properties of [`CreateNdesConnector`], named after the properties.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __create_ndes_connector_state {
    ///`lastConnectionDateTime` has not been set yet.
    pub struct lastConnectionDateTime;
    ///`state` has not been set yet.
    pub struct state;
    ///`displayName` has not been set yet.
    pub struct displayName;
}
/**Builds the request that creates a [`NdesConnector`] in `/deviceManagement/ndesConnectors`; start it with [`NdesConnector::create`].

Each required property is a type parameter: it starts unset and becomes [`Set`](::graph_core::Set) when its setter is called, and `build()` is only available once all are set.*/
#[must_use = "call `build()` to get the request"]
#[allow(dead_code, clippy::wrong_self_convention)]
pub struct CreateNdesConnector<
    __S0 = __create_ndes_connector_state::lastConnectionDateTime,
    __S1 = __create_ndes_connector_state::state,
    __S2 = __create_ndes_connector_state::displayName,
> {
    __path: ::graph_core::__private::Cow<'static, str>,
    __required: (__S0, __S1, __S2),
    __optional: (),
}
#[allow(dead_code, clippy::wrong_self_convention)]
impl CreateNdesConnector {
    fn __at(__path: ::graph_core::__private::Cow<'static, str>) -> Self {
        CreateNdesConnector {
            __path,
            __required: (
                __create_ndes_connector_state::lastConnectionDateTime,
                __create_ndes_connector_state::state,
                __create_ndes_connector_state::displayName,
            ),
            __optional: (),
        }
    }
}
#[allow(dead_code, clippy::wrong_self_convention)]
impl NdesConnector {
    ///Starts a request that creates a `ndesConnector` in `/deviceManagement/ndesConnectors`.
    pub fn create() -> CreateNdesConnector {
        CreateNdesConnector::__at(
            ::graph_core::__private::Cow::Borrowed("/deviceManagement/ndesConnectors"),
        )
    }
}
#[allow(dead_code, clippy::wrong_self_convention)]
impl<
    __S1,
    __S2,
> CreateNdesConnector<
    __create_ndes_connector_state::lastConnectionDateTime,
    __S1,
    __S2,
> {
    ///Sets `lastConnectionDateTime` (required).
    pub fn last_connection_date_time(
        self,
        value: impl ::core::convert::Into<DateTimeOffset>,
    ) -> CreateNdesConnector<::graph_core::Set<DateTimeOffset>, __S1, __S2> {
        CreateNdesConnector {
            __path: self.__path,
            __required: (
                ::graph_core::Set::__new(
                    ::core::convert::Into::<DateTimeOffset>::into(value),
                ),
                self.__required.1,
                self.__required.2,
            ),
            __optional: self.__optional,
        }
    }
}
#[allow(dead_code, clippy::wrong_self_convention)]
impl<__S0, __S2> CreateNdesConnector<__S0, __create_ndes_connector_state::state, __S2> {
    ///Sets `state` (required).
    pub fn state(
        self,
        value: impl ::core::convert::Into<NdesConnectorState>,
    ) -> CreateNdesConnector<__S0, ::graph_core::Set<NdesConnectorState>, __S2> {
        CreateNdesConnector {
            __path: self.__path,
            __required: (
                self.__required.0,
                ::graph_core::Set::__new(
                    ::core::convert::Into::<NdesConnectorState>::into(value),
                ),
                self.__required.2,
            ),
            __optional: self.__optional,
        }
    }
}
#[allow(dead_code, clippy::wrong_self_convention)]
impl<
    __S0,
    __S1,
> CreateNdesConnector<__S0, __S1, __create_ndes_connector_state::displayName> {
    ///Sets `displayName` (required).
    pub fn display_name(
        self,
        value: impl ::core::convert::Into<String>,
    ) -> CreateNdesConnector<__S0, __S1, ::graph_core::Set<String>> {
        CreateNdesConnector {
            __path: self.__path,
            __required: (
                self.__required.0,
                self.__required.1,
                ::graph_core::Set::__new(::core::convert::Into::<String>::into(value)),
            ),
            __optional: self.__optional,
        }
    }
}
#[allow(dead_code, clippy::wrong_self_convention)]
impl<__S0, __S1, __S2> CreateNdesConnector<__S0, __S1, __S2> {
    /// The collection path the request will be sent to, parameters filled in.
    pub fn target_path(&self) -> &str {
        &self.__path
    }
    /// The request, once every required property is set.
    pub fn build(self) -> ::graph_core::CreateRequest<NdesConnector>
    where
        __S0: ::graph_core::IsSet<DateTimeOffset>,
        __S1: ::graph_core::IsSet<NdesConnectorState>,
        __S2: ::graph_core::IsSet<String>,
    {
        let (__required0, __required1, __required2) = self.__required;
        let () = self.__optional;
        ::graph_core::CreateRequest::new(
            self.__path,
            NdesConnector {
                id: ::core::default::Default::default(),
                last_connection_date_time: ::core::option::Option::Some(
                    ::graph_core::IsSet::into_value(__required0),
                ),
                state: ::core::option::Option::Some(
                    ::graph_core::IsSet::into_value(__required1),
                ),
                display_name: ::core::option::Option::Some(
                    ::graph_core::IsSet::into_value(__required2),
                ),
            },
        )
    }
}
