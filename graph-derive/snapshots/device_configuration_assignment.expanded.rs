#[doc(hidden)]
#[allow(deprecated)]
const _: () = {
    #[automatically_derived]
    impl ::msgraph_entity::ODataType for DeviceConfigurationAssignment {
        const ODATA_TYPE: &'static str = "#microsoft.graph.deviceConfigurationAssignment";
        const GRAPH_NAME: &'static str = "deviceConfigurationAssignment";
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
                    "intent" => ::msgraph_entity::__private::Property::Known(1),
                    _ => return ::core::option::Option::None,
                },
            )
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::__private::serde::Serialize
    for DeviceConfigurationAssignment {
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
                ::core::option::Option::None,
            )?;
            __writer.odata_type(<Self as ::msgraph_entity::ODataType>::ODATA_TYPE);
            if !__sending {
                __writer.nullable("id", &self.id);
            }
            __writer.nullable("intent", &self.intent);
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
    impl<'de> ::msgraph_entity::__private::serde::Deserialize<'de>
    for DeviceConfigurationAssignment {
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
                type Value = DeviceConfigurationAssignment;
                #[inline]
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
                    __A: ::msgraph_entity::__private::serde::de::MapAccess<'de>,
                {
                    let mut __slot0: ::core::option::Option<Option<String>> = ::core::option::Option::None;
                    let mut __slot1: ::core::option::Option<
                        Option<DeviceConfigAssignmentIntent>,
                    > = ::core::option::Option::None;
                    let mut __additional = ::msgraph_entity::AdditionalProperties::new();
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
                                ::msgraph_entity::__private::read_odata_type(
                                    &mut __map,
                                    <DeviceConfigurationAssignment as ::msgraph_entity::ODataType>::ODATA_TYPE,
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
                                    "intent",
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
                            _ => ::msgraph_entity::__private::skip_value(&mut __map),
                        }?;
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
    #[automatically_derived]
    impl ::msgraph_entity::GraphEntity for DeviceConfigurationAssignment {
        const KEY_PROPERTY: &'static str = "id";
        type Property = DeviceConfigurationAssignmentProperty;
        type Navigation = DeviceConfigurationAssignmentNavigation;
        type Patch = DeviceConfigurationAssignmentPatch;
        #[inline]
        fn missing_required(&self) -> ::core::option::Option<&'static str> {
            ::core::option::Option::None
        }
        #[inline]
        fn key(&self) -> ::core::option::Option<&str> {
            ::core::option::Option::as_deref(&self.id)
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::EntityCollection for DeviceConfigurationAssignment {
        const COLLECTION: ::msgraph_entity::PathTemplate = ::msgraph_entity::PathTemplate::__from_parts(
            "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments",
            &[
                ::msgraph_entity::PathPart::Literal(
                    "/deviceManagement/deviceConfigurations/",
                ),
                ::msgraph_entity::PathPart::Parameter("deviceConfigurationId"),
                ::msgraph_entity::PathPart::Literal("/assignments"),
            ],
        );
    }
    #[automatically_derived]
    impl ::msgraph_entity::EntityProperty for DeviceConfigurationAssignmentProperty {
        #[inline]
        fn graph_name(self) -> &'static str {
            match self {
                Self::Id => "id",
                Self::Intent => "intent",
            }
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::EntityNavigation for DeviceConfigurationAssignmentNavigation {
        #[inline]
        fn graph_name(self) -> &'static str {
            match self {}
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::__private::serde::Serialize
    for DeviceConfigurationAssignmentPatch {
        fn serialize<__S>(
            &self,
            __serializer: __S,
        ) -> ::core::result::Result<__S::Ok, __S::Error>
        where
            __S: ::msgraph_entity::__private::serde::Serializer,
        {
            let __len = 1usize
                + ::core::primitive::usize::from(
                    !::msgraph_entity::Patch::is_unchanged(&self.intent),
                );
            let mut __writer = ::msgraph_entity::__private::PropertyWriter::new(
                __serializer,
                ::core::option::Option::Some(__len),
                ::core::option::Option::None,
            )?;
            __writer
                .odata_type(
                    <DeviceConfigurationAssignment as ::msgraph_entity::ODataType>::ODATA_TYPE,
                );
            __writer.patch("intent", &self.intent);
            __writer.end()
        }
    }
};
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
///The navigation properties of [`DeviceConfigurationAssignment`], for `$expand`.
#[derive(
    ::core::fmt::Debug,
    ::core::clone::Clone,
    ::core::marker::Copy,
    ::core::cmp::PartialEq,
    ::core::cmp::Eq,
    ::core::hash::Hash
)]
pub enum DeviceConfigurationAssignmentNavigation {}
///Changes to a [`DeviceConfigurationAssignment`], sent by `DeviceConfigurationAssignment::update`: each property is [`Patch::Unchanged`](::msgraph_entity::Patch) (not sent) until it is set or cleared.
#[derive(
    ::core::fmt::Debug,
    ::core::clone::Clone,
    ::core::cmp::PartialEq,
    ::core::default::Default
)]
#[allow(deprecated)]
pub struct DeviceConfigurationAssignmentPatch {
    ///`intent`: unchanged, cleared (`null`) or set.
    pub intent: ::msgraph_entity::Patch<DeviceConfigAssignmentIntent>,
}
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
impl DeviceConfigurationAssignmentPatch {
    #[inline]
    /// The changes that turn `old` into `new`: each writable property written differently, set to its value in `new` (or cleared where `new` has none); the rest unchanged. For drift correction: `DeviceConfigurationAssignment::update(id, DeviceConfigurationAssignmentPatch::between(&current, &wanted)?)`.
    pub fn between(
        old: &DeviceConfigurationAssignment,
        new: &DeviceConfigurationAssignment,
    ) -> ::core::result::Result<Self, ::msgraph_entity::Error> {
        let mut __diff = ::msgraph_entity::__private::PatchDiff::default();
        let __patch = Self {
            intent: __diff.optional(&old.intent, &new.intent),
        };
        __diff.finish(__patch)
    }
    #[inline]
    ///Sets `intent`.
    #[must_use]
    pub fn intent(
        mut self,
        value: impl ::core::convert::Into<DeviceConfigAssignmentIntent>,
    ) -> Self {
        self.intent = ::msgraph_entity::Patch::Set(
            ::core::convert::Into::<DeviceConfigAssignmentIntent>::into(value),
        );
        self
    }
    #[inline]
    ///Clears `intent`: sends it as `null`.
    #[must_use]
    pub fn clear_intent(mut self) -> Self {
        self.intent = ::msgraph_entity::Patch::Null;
        self
    }
}
///The unset states of the required properties of [`CreateDeviceConfigurationAssignment`], named after the properties.
#[doc(hidden)]
#[allow(non_camel_case_types, non_snake_case, dead_code, deprecated)]
pub mod __create_DeviceConfigurationAssignment_state {}
/**Builds the request that creates a [`DeviceConfigurationAssignment`] in `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`; start it with [`DeviceConfigurationAssignment::create`].

Each required property is a type parameter: it starts unset and becomes `Set` when its setter is called, and `build()` is only available once all are set.*/
#[must_use = "call `build()` to get the request"]
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
pub struct CreateDeviceConfigurationAssignment {
    __path: ::msgraph_entity::__private::Cow<'static, str>,
    __required: (),
    __optional: (Option<DeviceConfigAssignmentIntent>,),
}
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
impl CreateDeviceConfigurationAssignment {
    #[inline]
    fn __at(__path: ::msgraph_entity::__private::Cow<'static, str>) -> Self {
        CreateDeviceConfigurationAssignment {
            __path,
            __required: (),
            __optional: (::core::option::Option::None,),
        }
    }
}
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
impl DeviceConfigurationAssignment {
    #[inline]
    ///Starts a request that creates a `deviceConfigurationAssignment` in `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`.
    /**

Each parameter is percent-encoded as one path segment; an empty value, `.` or `..` is an error.*/
    pub fn create(
        device_configuration_id: &str,
    ) -> ::core::result::Result<
        CreateDeviceConfigurationAssignment,
        ::msgraph_entity::Error,
    > {
        const __TEMPLATE: ::msgraph_entity::PathTemplate = ::msgraph_entity::PathTemplate::__from_parts(
            "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments",
            &[
                ::msgraph_entity::PathPart::Literal(
                    "/deviceManagement/deviceConfigurations/",
                ),
                ::msgraph_entity::PathPart::Parameter("deviceConfigurationId"),
                ::msgraph_entity::PathPart::Literal("/assignments"),
            ],
        );
        ::core::result::Result::Ok(
            CreateDeviceConfigurationAssignment::__at(
                __TEMPLATE.fill(&[device_configuration_id])?,
            ),
        )
    }
    #[inline]
    ///Starts a request that creates a `deviceConfigurationAssignment` in `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate/assignments`.
    /**

Each parameter is percent-encoded as one path segment; an empty value, `.` or `..` is an error.*/
    pub fn create_in_root_certificate_assignments(
        device_configuration_id: &str,
    ) -> ::core::result::Result<
        CreateDeviceConfigurationAssignment,
        ::msgraph_entity::Error,
    > {
        const __TEMPLATE: ::msgraph_entity::PathTemplate = ::msgraph_entity::PathTemplate::__from_parts(
            "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate/assignments",
            &[
                ::msgraph_entity::PathPart::Literal(
                    "/deviceManagement/deviceConfigurations/",
                ),
                ::msgraph_entity::PathPart::Parameter("deviceConfigurationId"),
                ::msgraph_entity::PathPart::Literal("/rootCertificate/assignments"),
            ],
        );
        ::core::result::Result::Ok(
            CreateDeviceConfigurationAssignment::__at(
                __TEMPLATE.fill(&[device_configuration_id])?,
            ),
        )
    }
}
#[allow(dead_code, deprecated, clippy::wrong_self_convention)]
impl CreateDeviceConfigurationAssignment {
    #[inline]
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
    #[inline]
    /// The collection path the request will be sent to, parameters filled in.
    pub fn target_path(&self) -> &str {
        &self.__path
    }
    #[inline]
    /// The request, once every required property is set.
    pub fn build(
        self,
    ) -> ::msgraph_entity::CreateRequest<DeviceConfigurationAssignment> {
        let () = self.__required;
        let (__optional0,) = self.__optional;
        ::msgraph_entity::CreateRequest::new(
            self.__path,
            DeviceConfigurationAssignment {
                id: ::core::default::Default::default(),
                intent: __optional0,
                additional_properties: ::core::default::Default::default(),
            },
        )
    }
}
#[allow(dead_code, deprecated)]
impl DeviceConfigurationAssignment {
    #[inline]
    /// A request for one item by key (percent-encoded: it cannot leave the collection).
    pub fn get(
        device_configuration_id: &str,
        key: &str,
    ) -> ::core::result::Result<
        ::msgraph_entity::GetRequest<Self>,
        ::msgraph_entity::Error,
    > {
        ::core::result::Result::Ok(
            ::msgraph_entity::GetRequest::new(
                <Self as ::msgraph_entity::EntityCollection>::COLLECTION
                    .item_path(&[device_configuration_id], key)?,
            ),
        )
    }
    #[inline]
    /// A request for the collection's items, one page at a time; add query options to it.
    pub fn list(
        device_configuration_id: &str,
    ) -> ::core::result::Result<
        ::msgraph_entity::ListRequest<Self>,
        ::msgraph_entity::Error,
    > {
        ::core::result::Result::Ok(
            ::msgraph_entity::ListRequest::new(
                <Self as ::msgraph_entity::EntityCollection>::COLLECTION
                    .fill(&[device_configuration_id])?,
            ),
        )
    }
    #[inline]
    /// A request that applies `patch` to one item: only what the patch sets or clears is sent.
    pub fn update(
        device_configuration_id: &str,
        key: &str,
        patch: DeviceConfigurationAssignmentPatch,
    ) -> ::core::result::Result<
        ::msgraph_entity::UpdateRequest<Self>,
        ::msgraph_entity::Error,
    > {
        ::core::result::Result::Ok(
            ::msgraph_entity::UpdateRequest::new(
                <Self as ::msgraph_entity::EntityCollection>::COLLECTION
                    .item_path(&[device_configuration_id], key)?,
                patch,
            ),
        )
    }
    #[inline]
    /// A request that deletes one item.
    pub fn delete(
        device_configuration_id: &str,
        key: &str,
    ) -> ::core::result::Result<
        ::msgraph_entity::DeleteRequest<Self>,
        ::msgraph_entity::Error,
    > {
        ::core::result::Result::Ok(
            ::msgraph_entity::DeleteRequest::new(
                <Self as ::msgraph_entity::EntityCollection>::COLLECTION
                    .item_path(&[device_configuration_id], key)?,
            ),
        )
    }
    #[inline]
    ///The items of `deviceConfigurationAssignment` in `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate/assignments`: list them, read, update or delete one.
    pub fn in_root_certificate_assignments(
        device_configuration_id: &str,
    ) -> ::core::result::Result<
        ::msgraph_entity::CollectionAt<Self>,
        ::msgraph_entity::Error,
    > {
        const __TEMPLATE: ::msgraph_entity::PathTemplate = ::msgraph_entity::PathTemplate::__from_parts(
            "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate/assignments",
            &[
                ::msgraph_entity::PathPart::Literal(
                    "/deviceManagement/deviceConfigurations/",
                ),
                ::msgraph_entity::PathPart::Parameter("deviceConfigurationId"),
                ::msgraph_entity::PathPart::Literal("/rootCertificate/assignments"),
            ],
        );
        ::core::result::Result::Ok(
            ::msgraph_entity::CollectionAt::new(
                __TEMPLATE.fill(&[device_configuration_id])?,
            ),
        )
    }
}
