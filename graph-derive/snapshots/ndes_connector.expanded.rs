#[doc(hidden)]
#[allow(deprecated)]
const _: () = {
    #[automatically_derived]
    impl ::msgraph_entity::ODataType for NdesConnector {
        const ODATA_TYPE: &'static str = "#microsoft.graph.ndesConnector";
        const GRAPH_NAME: &'static str = "ndesConnector";
    }
    struct __Names;
    impl ::msgraph_entity::__private::PropertyNames for __Names {
        #[inline]
        fn resolve(
            __name: &str,
        ) -> ::core::option::Option<::msgraph_entity::__private::Property> {
            ::core::option::Option::Some(
                match __name {
                    "@odata.type" => ::msgraph_entity::__private::Property::ODataType,
                    "id" => ::msgraph_entity::__private::Property::Known(0),
                    "lastConnectionDateTime" => {
                        ::msgraph_entity::__private::Property::Known(1)
                    }
                    "state" => ::msgraph_entity::__private::Property::Known(2),
                    "displayName" => ::msgraph_entity::__private::Property::Known(3),
                    _ => return ::core::option::Option::None,
                },
            )
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::__private::serde::Serialize for NdesConnector {
        fn serialize<__S>(
            &self,
            __serializer: __S,
        ) -> ::core::result::Result<__S::Ok, __S::Error>
        where
            __S: ::msgraph_entity::__private::serde::Serializer,
        {
            let __sending = ::msgraph_entity::__private::sending();
            let mut __writer = ::msgraph_entity::__private::PropertyWriter::new(
                __serializer,
                ::core::option::Option::None,
                ::msgraph_entity::__private::written_control(&self.odata),
            )?;
            __writer.odata_type(<Self as ::msgraph_entity::ODataType>::ODATA_TYPE);
            if !__sending {
                __writer.nullable("id", &self.id);
            }
            __writer.nullable("lastConnectionDateTime", &self.last_connection_date_time);
            __writer.nullable("state", &self.state);
            __writer.nullable("displayName", &self.display_name);
            __writer
                .finish(
                    &self.additional_properties,
                    |__name| {
                        <__Names as ::msgraph_entity::__private::PropertyNames>::resolve(
                                __name,
                            )
                            .is_some()
                    },
                )
        }
    }
    #[automatically_derived]
    impl<'de> ::msgraph_entity::__private::serde::Deserialize<'de> for NdesConnector {
        #[inline]
        fn deserialize<__D>(
            __deserializer: __D,
        ) -> ::core::result::Result<Self, __D::Error>
        where
            __D: ::msgraph_entity::__private::serde::Deserializer<'de>,
        {
            struct __Visitor;
            impl<'de> ::msgraph_entity::__private::serde::de::Visitor<'de>
            for __Visitor {
                type Value = NdesConnector;
                #[inline]
                fn expecting(
                    &self,
                    __formatter: &mut ::core::fmt::Formatter<'_>,
                ) -> ::core::fmt::Result {
                    ::core::fmt::Formatter::write_str(
                        __formatter,
                        "a JSON object (ndesConnector)",
                    )
                }
                #[inline]
                fn visit_map<__A>(
                    self,
                    mut __map: __A,
                ) -> ::core::result::Result<NdesConnector, __A::Error>
                where
                    __A: ::msgraph_entity::__private::serde::de::MapAccess<'de>,
                {
                    let mut __slot0: ::core::option::Option<Option<String>> = ::core::option::Option::None;
                    let mut __slot1: ::core::option::Option<Option<DateTimeOffset>> = ::core::option::Option::None;
                    let mut __slot2: ::core::option::Option<
                        Option<NdesConnectorState>,
                    > = ::core::option::Option::None;
                    let mut __slot3: ::core::option::Option<Option<String>> = ::core::option::Option::None;
                    let mut __additional = ::msgraph_entity::AdditionalProperties::new();
                    let mut __control = ::msgraph_entity::ControlInformation::new();
                    let mut __unknown_name = ::std::string::String::new();
                    while let ::core::option::Option::Some(__property) = __map
                        .next_key_seed(
                            ::msgraph_entity::__private::PropertyKey::<
                                __Names,
                            >::new(::core::option::Option::Some(&mut __unknown_name)),
                        )?
                    {
                        match __property {
                            ::msgraph_entity::__private::Property::ODataType => {
                                ::msgraph_entity::__private::read_odata_type_keeping(
                                    &mut __map,
                                    <NdesConnector as ::msgraph_entity::ODataType>::ODATA_TYPE,
                                    &mut __control,
                                )
                            }
                            ::msgraph_entity::__private::Property::Known(0) => {
                                ::msgraph_entity::__private::read_field(
                                    &mut __map,
                                    &mut __slot0,
                                    "id",
                                )
                            }
                            ::msgraph_entity::__private::Property::Known(1) => {
                                ::msgraph_entity::__private::read_field(
                                    &mut __map,
                                    &mut __slot1,
                                    "lastConnectionDateTime",
                                )
                            }
                            ::msgraph_entity::__private::Property::Known(2) => {
                                ::msgraph_entity::__private::read_field(
                                    &mut __map,
                                    &mut __slot2,
                                    "state",
                                )
                            }
                            ::msgraph_entity::__private::Property::Known(3) => {
                                ::msgraph_entity::__private::read_field(
                                    &mut __map,
                                    &mut __slot3,
                                    "displayName",
                                )
                            }
                            ::msgraph_entity::__private::Property::Unknown => {
                                let __name = ::core::mem::take(&mut __unknown_name);
                                ::msgraph_entity::__private::read_additional(
                                    &mut __additional,
                                    __name,
                                    &mut __map,
                                )
                            }
                            ::msgraph_entity::__private::Property::Control => {
                                let __name = ::core::mem::take(&mut __unknown_name);
                                ::msgraph_entity::__private::read_control(
                                    &mut __control,
                                    __name,
                                    &mut __map,
                                )
                            }
                            _ => ::msgraph_entity::__private::skip_value(&mut __map),
                        }?;
                    }
                    ::core::result::Result::Ok(NdesConnector {
                        id: ::msgraph_entity::__private::take_nullable_field(
                            __slot0,
                            &mut __control,
                            "id",
                        ),
                        last_connection_date_time: ::msgraph_entity::__private::take_nullable_field(
                            __slot1,
                            &mut __control,
                            "lastConnectionDateTime",
                        ),
                        state: ::msgraph_entity::__private::take_nullable_field(
                            __slot2,
                            &mut __control,
                            "state",
                        ),
                        display_name: ::msgraph_entity::__private::take_nullable_field(
                            __slot3,
                            &mut __control,
                            "displayName",
                        ),
                        additional_properties: __additional,
                        odata: __control,
                    })
                }
            }
            __deserializer.deserialize_map(__Visitor)
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::GraphEntity for NdesConnector {
        const KEY_PROPERTY: &'static str = "id";
        type Property = NdesConnectorProperty;
        type Navigation = NdesConnectorNavigation;
        type Patch = NdesConnectorPatch;
        #[inline]
        fn missing_required(&self) -> ::core::option::Option<&'static str> {
            if ::core::option::Option::is_none(&self.last_connection_date_time) {
                return ::core::option::Option::Some("lastConnectionDateTime");
            }
            if ::core::option::Option::is_none(&self.state) {
                return ::core::option::Option::Some("state");
            }
            if ::core::option::Option::is_none(&self.display_name) {
                return ::core::option::Option::Some("displayName");
            }
            ::core::option::Option::None
        }
        #[inline]
        fn key(&self) -> ::core::option::Option<&str> {
            ::core::option::Option::as_deref(&self.id)
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::EntityCollection for NdesConnector {
        const COLLECTION: ::msgraph_entity::PathTemplate = ::msgraph_entity::PathTemplate::__from_parts(
            "/deviceManagement/ndesConnectors",
            &[::msgraph_entity::PathPart::Literal("/deviceManagement/ndesConnectors")],
        );
    }
    #[automatically_derived]
    impl ::msgraph_entity::EntityProperty for NdesConnectorProperty {
        #[inline]
        fn graph_name(self) -> &'static str {
            match self {
                Self::Id => "id",
                Self::LastConnectionDateTime => "lastConnectionDateTime",
                Self::State => "state",
                Self::DisplayName => "displayName",
            }
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::EntityNavigation for NdesConnectorNavigation {
        #[inline]
        fn graph_name(self) -> &'static str {
            match self {}
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::__private::serde::Serialize for NdesConnectorPatch {
        fn serialize<__S>(
            &self,
            __serializer: __S,
        ) -> ::core::result::Result<__S::Ok, __S::Error>
        where
            __S: ::msgraph_entity::__private::serde::Serializer,
        {
            let __len = 1usize
                + ::core::primitive::usize::from(
                    !::msgraph_entity::Patch::is_unchanged(
                        &self.last_connection_date_time,
                    ),
                )
                + ::core::primitive::usize::from(
                    !::msgraph_entity::Patch::is_unchanged(&self.state),
                )
                + ::core::primitive::usize::from(
                    !::msgraph_entity::Patch::is_unchanged(&self.display_name),
                );
            let mut __writer = ::msgraph_entity::__private::PropertyWriter::new(
                __serializer,
                ::core::option::Option::Some(__len),
                ::core::option::Option::None,
            )?;
            __writer
                .odata_type(<NdesConnector as ::msgraph_entity::ODataType>::ODATA_TYPE);
            __writer.patch("lastConnectionDateTime", &self.last_connection_date_time);
            __writer.patch("state", &self.state);
            __writer.patch("displayName", &self.display_name);
            __writer.end()
        }
    }
};
///The properties of [`NdesConnector`], for `$select`, `$orderby` and filters.
#[derive(
    ::core::fmt::Debug,
    ::core::clone::Clone,
    ::core::marker::Copy,
    ::core::cmp::PartialEq,
    ::core::cmp::Eq,
    ::core::hash::Hash
)]
pub enum NdesConnectorProperty {
    ///`id`.
    Id,
    ///`lastConnectionDateTime`.
    LastConnectionDateTime,
    ///`state`.
    State,
    ///`displayName`.
    DisplayName,
}
///The navigation properties of [`NdesConnector`], for `$expand`.
#[derive(
    ::core::fmt::Debug,
    ::core::clone::Clone,
    ::core::marker::Copy,
    ::core::cmp::PartialEq,
    ::core::cmp::Eq,
    ::core::hash::Hash
)]
pub enum NdesConnectorNavigation {}
///Changes to a [`NdesConnector`], sent by `NdesConnector::update`: each property is [`Patch::Unchanged`](::msgraph_entity::Patch) (not sent) until it is set or cleared.
#[derive(
    ::core::fmt::Debug,
    ::core::clone::Clone,
    ::core::cmp::PartialEq,
    ::core::default::Default
)]
#[allow(deprecated)]
pub struct NdesConnectorPatch {
    ///`lastConnectionDateTime`: unchanged, cleared (`null`) or set.
    pub last_connection_date_time: ::msgraph_entity::Patch<DateTimeOffset>,
    ///`state`: unchanged, cleared (`null`) or set.
    pub state: ::msgraph_entity::Patch<NdesConnectorState>,
    ///`displayName`: unchanged, cleared (`null`) or set.
    pub display_name: ::msgraph_entity::Patch<String>,
}
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
impl NdesConnectorPatch {
    #[inline]
    /// The changes that turn `old` into `new`: each writable property written differently, set to its value in `new` (or cleared where `new` has none); the rest unchanged. For drift correction: `NdesConnector::update(id, NdesConnectorPatch::between(&current, &wanted)?)`.
    pub fn between(
        old: &NdesConnector,
        new: &NdesConnector,
    ) -> ::core::result::Result<Self, ::msgraph_entity::Error> {
        let mut __diff = ::msgraph_entity::__private::PatchDiff::default();
        let __patch = Self {
            last_connection_date_time: __diff
                .optional(
                    &old.last_connection_date_time,
                    &new.last_connection_date_time,
                ),
            state: __diff.optional(&old.state, &new.state),
            display_name: __diff.optional(&old.display_name, &new.display_name),
        };
        __diff.finish(__patch)
    }
    #[inline]
    ///Sets `lastConnectionDateTime`.
    #[must_use]
    pub fn last_connection_date_time(
        mut self,
        value: impl ::core::convert::Into<DateTimeOffset>,
    ) -> Self {
        self.last_connection_date_time = ::msgraph_entity::Patch::Set(
            ::core::convert::Into::<DateTimeOffset>::into(value),
        );
        self
    }
    #[inline]
    ///Clears `lastConnectionDateTime`: sends it as `null`.
    #[must_use]
    pub fn clear_last_connection_date_time(mut self) -> Self {
        self.last_connection_date_time = ::msgraph_entity::Patch::Null;
        self
    }
    #[inline]
    ///Sets `state`.
    #[must_use]
    pub fn state(
        mut self,
        value: impl ::core::convert::Into<NdesConnectorState>,
    ) -> Self {
        self.state = ::msgraph_entity::Patch::Set(
            ::core::convert::Into::<NdesConnectorState>::into(value),
        );
        self
    }
    #[inline]
    ///Clears `state`: sends it as `null`.
    #[must_use]
    pub fn clear_state(mut self) -> Self {
        self.state = ::msgraph_entity::Patch::Null;
        self
    }
    #[inline]
    ///Sets `displayName`.
    #[must_use]
    pub fn display_name(mut self, value: impl ::core::convert::Into<String>) -> Self {
        self.display_name = ::msgraph_entity::Patch::Set(
            ::core::convert::Into::<String>::into(value),
        );
        self
    }
    #[inline]
    ///Clears `displayName`: sends it as `null`.
    #[must_use]
    pub fn clear_display_name(mut self) -> Self {
        self.display_name = ::msgraph_entity::Patch::Null;
        self
    }
}
///The unset states of the required properties of [`CreateNdesConnector`], named after the properties.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code, deprecated)]
pub mod __create_NdesConnector_state {
    ///`lastConnectionDateTime` has not been set yet.
    pub struct lastConnectionDateTime;
    ///`state` has not been set yet.
    pub struct state;
    ///`displayName` has not been set yet.
    pub struct displayName;
}
/**Builds the request that creates a [`NdesConnector`] in `/deviceManagement/ndesConnectors`; start it with [`NdesConnector::create`].

Each required property is a type parameter: it starts unset and becomes `Set` when its setter is called, and `build()` is only available once all are set.*/
#[must_use = "call `build()` to get the request"]
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
pub struct CreateNdesConnector<
    __S0 = __create_NdesConnector_state::lastConnectionDateTime,
    __S1 = __create_NdesConnector_state::state,
    __S2 = __create_NdesConnector_state::displayName,
> {
    __path: ::msgraph_entity::__private::Cow<'static, str>,
    __required: (__S0, __S1, __S2),
    __optional: (),
}
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
impl CreateNdesConnector {
    #[inline]
    fn __at(__path: ::msgraph_entity::__private::Cow<'static, str>) -> Self {
        CreateNdesConnector {
            __path,
            __required: (
                __create_NdesConnector_state::lastConnectionDateTime,
                __create_NdesConnector_state::state,
                __create_NdesConnector_state::displayName,
            ),
            __optional: (),
        }
    }
}
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
impl NdesConnector {
    #[inline]
    ///Starts a request that creates a `ndesConnector` in `/deviceManagement/ndesConnectors`.
    pub fn create() -> CreateNdesConnector {
        CreateNdesConnector::__at(
            ::msgraph_entity::__private::Cow::Borrowed(
                "/deviceManagement/ndesConnectors",
            ),
        )
    }
}
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
impl<
    __S1,
    __S2,
> CreateNdesConnector<__create_NdesConnector_state::lastConnectionDateTime, __S1, __S2> {
    #[inline]
    ///Sets `lastConnectionDateTime` (required).
    pub fn last_connection_date_time(
        self,
        value: impl ::core::convert::Into<DateTimeOffset>,
    ) -> CreateNdesConnector<::msgraph_entity::Set<DateTimeOffset>, __S1, __S2> {
        CreateNdesConnector {
            __path: self.__path,
            __required: (
                ::msgraph_entity::Set::__new(
                    ::core::convert::Into::<DateTimeOffset>::into(value),
                ),
                self.__required.1,
                self.__required.2,
            ),
            __optional: self.__optional,
        }
    }
}
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
impl<__S0, __S2> CreateNdesConnector<__S0, __create_NdesConnector_state::state, __S2> {
    #[inline]
    ///Sets `state` (required).
    pub fn state(
        self,
        value: impl ::core::convert::Into<NdesConnectorState>,
    ) -> CreateNdesConnector<__S0, ::msgraph_entity::Set<NdesConnectorState>, __S2> {
        CreateNdesConnector {
            __path: self.__path,
            __required: (
                self.__required.0,
                ::msgraph_entity::Set::__new(
                    ::core::convert::Into::<NdesConnectorState>::into(value),
                ),
                self.__required.2,
            ),
            __optional: self.__optional,
        }
    }
}
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
impl<
    __S0,
    __S1,
> CreateNdesConnector<__S0, __S1, __create_NdesConnector_state::displayName> {
    #[inline]
    ///Sets `displayName` (required).
    pub fn display_name(
        self,
        value: impl ::core::convert::Into<String>,
    ) -> CreateNdesConnector<__S0, __S1, ::msgraph_entity::Set<String>> {
        CreateNdesConnector {
            __path: self.__path,
            __required: (
                self.__required.0,
                self.__required.1,
                ::msgraph_entity::Set::__new(
                    ::core::convert::Into::<String>::into(value),
                ),
            ),
            __optional: self.__optional,
        }
    }
}
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
impl<__S0, __S1, __S2> CreateNdesConnector<__S0, __S1, __S2> {
    #[inline]
    /// The collection path the request will be sent to, parameters filled in.
    pub fn target_path(&self) -> &str {
        &self.__path
    }
    #[inline]
    /// The request, once every required property is set.
    pub fn build(self) -> ::msgraph_entity::CreateRequest<NdesConnector>
    where
        __S0: ::msgraph_entity::IsSet<DateTimeOffset>,
        __S1: ::msgraph_entity::IsSet<NdesConnectorState>,
        __S2: ::msgraph_entity::IsSet<String>,
    {
        let (__required0, __required1, __required2) = self.__required;
        let () = self.__optional;
        ::msgraph_entity::CreateRequest::new(
            self.__path,
            NdesConnector {
                id: ::core::default::Default::default(),
                last_connection_date_time: ::core::option::Option::Some(
                    ::msgraph_entity::IsSet::into_value(__required0),
                ),
                state: ::core::option::Option::Some(
                    ::msgraph_entity::IsSet::into_value(__required1),
                ),
                display_name: ::core::option::Option::Some(
                    ::msgraph_entity::IsSet::into_value(__required2),
                ),
                additional_properties: ::core::default::Default::default(),
                odata: ::core::default::Default::default(),
            },
        )
    }
}
#[allow(dead_code, deprecated)]
impl NdesConnector {
    #[inline]
    /// A request for one item by key (percent-encoded: it cannot leave the collection).
    pub fn get(
        key: &str,
    ) -> ::core::result::Result<
        ::msgraph_entity::GetRequest<Self>,
        ::msgraph_entity::Error,
    > {
        ::core::result::Result::Ok(
            ::msgraph_entity::GetRequest::new(
                <Self as ::msgraph_entity::EntityCollection>::COLLECTION
                    .item_path(&[], key)?,
            ),
        )
    }
    #[inline]
    /// A request for the collection's items, one page at a time; add query options to it.
    pub fn list() -> ::msgraph_entity::ListRequest<Self> {
        ::msgraph_entity::ListRequest::new(
            ::msgraph_entity::__private::Cow::Borrowed(
                <Self as ::msgraph_entity::EntityCollection>::COLLECTION.as_str(),
            ),
        )
    }
    #[inline]
    /// A request that applies `patch` to one item: only what the patch sets or clears is sent.
    pub fn update(
        key: &str,
        patch: NdesConnectorPatch,
    ) -> ::core::result::Result<
        ::msgraph_entity::UpdateRequest<Self>,
        ::msgraph_entity::Error,
    > {
        ::core::result::Result::Ok(
            ::msgraph_entity::UpdateRequest::new(
                <Self as ::msgraph_entity::EntityCollection>::COLLECTION
                    .item_path(&[], key)?,
                patch,
            ),
        )
    }
    #[inline]
    /// A request that deletes one item.
    pub fn delete(
        key: &str,
    ) -> ::core::result::Result<
        ::msgraph_entity::DeleteRequest<Self>,
        ::msgraph_entity::Error,
    > {
        ::core::result::Result::Ok(
            ::msgraph_entity::DeleteRequest::new(
                <Self as ::msgraph_entity::EntityCollection>::COLLECTION
                    .item_path(&[], key)?,
            ),
        )
    }
}
