#[doc(hidden)]
const _: () = {
    #[automatically_derived]
    impl ::graph_core::ODataType for DeviceConfigurationAssignment {
        const ODATA_TYPE: &'static str = "#microsoft.graph.deviceConfigurationAssignment";
        const GRAPH_NAME: &'static str = "deviceConfigurationAssignment";
    }
    #[automatically_derived]
    impl ::graph_core::GraphEntity for DeviceConfigurationAssignment {
        const COLLECTION_PATH: &'static str = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments";
        const KEY_PROPERTY: &'static str = "id";
        type Property = DeviceConfigurationAssignmentProperty;
        type Patch = DeviceConfigurationAssignmentPatch;
        #[inline]
        fn key(&self) -> ::core::option::Option<&str> {
            ::core::option::Option::as_deref(&self.id)
        }
    }
    #[automatically_derived]
    impl ::graph_core::__private::serde::Serialize for DeviceConfigurationAssignment {
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
                    ::core::option::Option::is_some(&self.intent),
                ) + ::graph_core::AdditionalProperties::len(&self.additional_properties);
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
            if let ::core::option::Option::Some(__value) = &self.intent {
                __map.serialize_entry("intent", __value)?;
            }
            for (__name, __value) in ::graph_core::AdditionalProperties::iter(
                &self.additional_properties,
            ) {
                __map.serialize_entry(__name, __value)?;
            }
            __map.end()
        }
    }
    #[automatically_derived]
    impl<'de> ::graph_core::__private::serde::Deserialize<'de>
    for DeviceConfigurationAssignment {
        #[inline]
        fn deserialize<__D>(
            __deserializer: __D,
        ) -> ::core::result::Result<Self, __D::Error>
        where
            __D: ::graph_core::__private::serde::Deserializer<'de>,
        {
            struct __Visitor;
            impl<'de> ::graph_core::__private::serde::de::Visitor<'de> for __Visitor {
                type Value = DeviceConfigurationAssignment;
                fn expecting(
                    &self,
                    __formatter: &mut ::core::fmt::Formatter<'_>,
                ) -> ::core::fmt::Result {
                    ::core::fmt::Formatter::write_str(
                        __formatter,
                        "a JSON object (deviceConfigurationAssignment)",
                    )
                }
                #[inline]
                fn visit_map<__A>(
                    self,
                    mut __map: __A,
                ) -> ::core::result::Result<DeviceConfigurationAssignment, __A::Error>
                where
                    __A: ::graph_core::__private::serde::de::MapAccess<'de>,
                {
                    enum __Field {
                        __F0,
                        __F1,
                    }
                    struct __Names;
                    impl ::graph_core::__private::PropertyNames for __Names {
                        type Field = __Field;
                        #[inline]
                        fn resolve(
                            __name: &str,
                        ) -> ::core::option::Option<
                            ::graph_core::__private::Property<__Field>,
                        > {
                            ::core::option::Option::Some(
                                match __name {
                                    "@odata.type" => {
                                        ::graph_core::__private::Property::ODataType
                                    }
                                    "id" => {
                                        ::graph_core::__private::Property::Known(__Field::__F0)
                                    }
                                    "intent" => {
                                        ::graph_core::__private::Property::Known(__Field::__F1)
                                    }
                                    _ => return ::core::option::Option::None,
                                },
                            )
                        }
                    }
                    let mut __slot0: ::core::option::Option<Option<String>> = ::core::option::Option::None;
                    let mut __slot1: ::core::option::Option<
                        Option<DeviceConfigAssignmentIntent>,
                    > = ::core::option::Option::None;
                    let mut __additional = ::graph_core::AdditionalProperties::new();
                    let mut __unknown_name = ::std::string::String::new();
                    while let ::core::option::Option::Some(__property) = __map
                        .next_key_seed(
                            ::graph_core::__private::PropertyKey::<
                                __Names,
                            >::new(::core::option::Option::Some(&mut __unknown_name)),
                        )?
                    {
                        match __property {
                            ::graph_core::__private::Property::ODataType => {
                                __map
                                    .next_value_seed(
                                        ::graph_core::__private::ODataTypeCheck::new(
                                            <DeviceConfigurationAssignment as ::graph_core::ODataType>::ODATA_TYPE,
                                        ),
                                    )?;
                            }
                            ::graph_core::__private::Property::Known(__Field::__F0) => {
                                if ::core::option::Option::is_some(&__slot0) {
                                    return ::core::result::Result::Err(
                                        ::graph_core::__private::duplicate_property("id"),
                                    );
                                }
                                __slot0 = ::core::option::Option::Some(
                                    __map.next_value::<Option<String>>()?,
                                );
                            }
                            ::graph_core::__private::Property::Known(__Field::__F1) => {
                                if ::core::option::Option::is_some(&__slot1) {
                                    return ::core::result::Result::Err(
                                        ::graph_core::__private::duplicate_property("intent"),
                                    );
                                }
                                __slot1 = ::core::option::Option::Some(
                                    __map.next_value::<Option<DeviceConfigAssignmentIntent>>()?,
                                );
                            }
                            ::graph_core::__private::Property::Unknown => {
                                let __name = ::core::mem::take(&mut __unknown_name);
                                ::graph_core::__private::read_additional(
                                    &mut __additional,
                                    __name,
                                    &mut __map,
                                )?;
                            }
                            _ => {
                                __map
                                    .next_value::<
                                        ::graph_core::__private::serde::de::IgnoredAny,
                                    >()?;
                            }
                        }
                    }
                    ::core::result::Result::Ok(DeviceConfigurationAssignment {
                        id: ::core::option::Option::flatten(__slot0),
                        intent: ::core::option::Option::flatten(__slot1),
                        additional_properties: __additional,
                    })
                }
            }
            __deserializer.deserialize_map(__Visitor)
        }
    }
};
///The unset states of the required properties of [`CreateDeviceConfigurationAssignment`], named after the properties.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code)]
pub mod __create_device_configuration_assignment_state {}
/**Builds the request that creates a [`DeviceConfigurationAssignment`] in `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`; start it with [`DeviceConfigurationAssignment::create`].

Each required property is a type parameter: it starts unset and becomes [`Set`](::graph_core::Set) when its setter is called, and `build()` is only available once all are set.*/
#[must_use = "call `build()` to get the request"]
#[allow(dead_code, clippy::wrong_self_convention)]
pub struct CreateDeviceConfigurationAssignment {
    __path: ::graph_core::__private::Cow<'static, str>,
    __required: (),
    __optional: (Option<DeviceConfigAssignmentIntent>,),
}
#[allow(dead_code, clippy::wrong_self_convention)]
impl CreateDeviceConfigurationAssignment {
    fn __at(__path: ::graph_core::__private::Cow<'static, str>) -> Self {
        CreateDeviceConfigurationAssignment {
            __path,
            __required: (),
            __optional: (::core::option::Option::None,),
        }
    }
}
#[allow(dead_code, clippy::wrong_self_convention)]
impl DeviceConfigurationAssignment {
    ///Starts a request that creates a `deviceConfigurationAssignment` in `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`.
    /**

Each parameter is percent-encoded as one path segment; an empty value, `.` or `..` is an error.*/
    pub fn create(
        device_configuration_id: &str,
    ) -> ::core::result::Result<
        CreateDeviceConfigurationAssignment,
        ::graph_core::Error,
    > {
        ::core::result::Result::Ok(
            CreateDeviceConfigurationAssignment::__at(
                ::graph_core::__private::fill_template(
                    "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments",
                    &[device_configuration_id],
                )?,
            ),
        )
    }
    ///Starts a request that creates a `deviceConfigurationAssignment` in `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate/assignments`.
    /**

Each parameter is percent-encoded as one path segment; an empty value, `.` or `..` is an error.*/
    pub fn create_in_root_certificate_assignments(
        device_configuration_id: &str,
    ) -> ::core::result::Result<
        CreateDeviceConfigurationAssignment,
        ::graph_core::Error,
    > {
        ::core::result::Result::Ok(
            CreateDeviceConfigurationAssignment::__at(
                ::graph_core::__private::fill_template(
                    "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate/assignments",
                    &[device_configuration_id],
                )?,
            ),
        )
    }
}
#[allow(dead_code, clippy::wrong_self_convention)]
impl CreateDeviceConfigurationAssignment {
    ///Sets `intent`.
    pub fn intent(
        mut self,
        value: impl ::core::convert::Into<DeviceConfigAssignmentIntent>,
    ) -> Self {
        self.__optional.0 = ::core::option::Option::Some(
            ::core::convert::Into::<DeviceConfigAssignmentIntent>::into(value),
        );
        self
    }
    /// The collection path the request will be sent to, parameters filled in.
    pub fn target_path(&self) -> &str {
        &self.__path
    }
    /// The request, once every required property is set.
    pub fn build(self) -> ::graph_core::CreateRequest<DeviceConfigurationAssignment> {
        let () = self.__required;
        let (__optional0,) = self.__optional;
        ::graph_core::CreateRequest::new(
            self.__path,
            DeviceConfigurationAssignment {
                id: ::core::default::Default::default(),
                intent: __optional0,
                additional_properties: ::core::default::Default::default(),
            },
        )
    }
}
///The properties of [`DeviceConfigurationAssignment`], for `$select`, `$orderby` and filters.
#[derive(
    ::core::fmt::Debug,
    ::core::clone::Clone,
    ::core::marker::Copy,
    ::core::cmp::PartialEq,
    ::core::cmp::Eq,
    ::core::hash::Hash
)]
pub enum DeviceConfigurationAssignmentProperty {
    ///`id`.
    Id,
    ///`intent`.
    Intent,
}
#[automatically_derived]
impl ::graph_core::EntityProperty for DeviceConfigurationAssignmentProperty {
    #[inline]
    fn graph_name(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Intent => "intent",
        }
    }
}
///Changes to a [`DeviceConfigurationAssignment`], sent by `DeviceConfigurationAssignment::update`: each property is [`Patch::Unchanged`](::graph_core::Patch) (not sent) until it is set or cleared.
#[derive(
    ::core::fmt::Debug,
    ::core::clone::Clone,
    ::core::cmp::PartialEq,
    ::core::default::Default
)]
pub struct DeviceConfigurationAssignmentPatch {
    ///`intent`: unchanged, cleared (`null`) or set.
    pub intent: ::graph_core::Patch<DeviceConfigAssignmentIntent>,
}
#[allow(dead_code, clippy::wrong_self_convention)]
impl DeviceConfigurationAssignmentPatch {
    ///Sets `intent`.
    #[must_use]
    pub fn intent(
        mut self,
        value: impl ::core::convert::Into<DeviceConfigAssignmentIntent>,
    ) -> Self {
        self.intent = ::graph_core::Patch::Set(
            ::core::convert::Into::<DeviceConfigAssignmentIntent>::into(value),
        );
        self
    }
    ///Clears `intent`: sends it as `null`.
    #[must_use]
    pub fn clear_intent(mut self) -> Self {
        self.intent = ::graph_core::Patch::Null;
        self
    }
}
#[doc(hidden)]
const _: () = {
    #[automatically_derived]
    impl ::graph_core::__private::serde::Serialize
    for DeviceConfigurationAssignmentPatch {
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
                    !::graph_core::Patch::is_unchanged(&self.intent),
                );
            let mut __map = __serializer
                .serialize_map(::core::option::Option::Some(__len))?;
            __map
                .serialize_entry(
                    "@odata.type",
                    <DeviceConfigurationAssignment as ::graph_core::ODataType>::ODATA_TYPE,
                )?;
            if !::graph_core::Patch::is_unchanged(&self.intent) {
                __map.serialize_entry("intent", &self.intent)?;
            }
            __map.end()
        }
    }
};
#[allow(dead_code)]
impl DeviceConfigurationAssignment {
    /// A request for one item by key (percent-encoded: it cannot leave the collection).
    pub fn get(
        device_configuration_id: &str,
        key: &str,
    ) -> ::core::result::Result<::graph_core::GetRequest<Self>, ::graph_core::Error> {
        ::core::result::Result::Ok(
            ::graph_core::GetRequest::new(
                <Self as ::graph_core::GraphEntity>::item_path_in(
                    &[device_configuration_id],
                    key,
                )?,
            ),
        )
    }
    /// A request for the collection's items, one page at a time; add query options to it.
    pub fn list(
        device_configuration_id: &str,
    ) -> ::core::result::Result<::graph_core::ListRequest<Self>, ::graph_core::Error> {
        ::core::result::Result::Ok(
            ::graph_core::ListRequest::new(
                ::graph_core::__private::fill_template(
                    <Self as ::graph_core::GraphEntity>::COLLECTION_PATH,
                    &[device_configuration_id],
                )?,
            ),
        )
    }
    /// A request that applies `patch` to one item: only what the patch sets or clears is sent.
    pub fn update(
        device_configuration_id: &str,
        key: &str,
        patch: DeviceConfigurationAssignmentPatch,
    ) -> ::core::result::Result<::graph_core::UpdateRequest<Self>, ::graph_core::Error> {
        ::core::result::Result::Ok(
            ::graph_core::UpdateRequest::new(
                <Self as ::graph_core::GraphEntity>::item_path_in(
                    &[device_configuration_id],
                    key,
                )?,
                patch,
            ),
        )
    }
    /// A request that deletes one item.
    pub fn delete(
        device_configuration_id: &str,
        key: &str,
    ) -> ::core::result::Result<::graph_core::DeleteRequest<Self>, ::graph_core::Error> {
        ::core::result::Result::Ok(
            ::graph_core::DeleteRequest::new(
                <Self as ::graph_core::GraphEntity>::item_path_in(
                    &[device_configuration_id],
                    key,
                )?,
            ),
        )
    }
}
