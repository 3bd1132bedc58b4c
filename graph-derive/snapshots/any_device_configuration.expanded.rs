#[doc(hidden)]
#[allow(deprecated)]
const _: () = {
    #[automatically_derived]
    impl ::msgraph_entity::ODataType for AnyDeviceConfiguration {
        const ODATA_TYPE: &'static str = "#microsoft.graph.deviceConfiguration";
        const GRAPH_NAME: &'static str = "deviceConfiguration";
    }
    #[automatically_derived]
    impl ::msgraph_entity::__private::Polymorphic for AnyDeviceConfiguration {
        #[inline]
        fn variant_for(
            __odata_type: &str,
        ) -> ::core::option::Option<::core::primitive::usize> {
            static __TABLE: ::msgraph_entity::__private::VariantTable = ::msgraph_entity::__private::VariantTable::new();
            __TABLE
                .find(
                    __odata_type,
                    || {
                        let mut __names = ::std::vec::Vec::new();
                        __names
                            .push((
                                <DeviceConfiguration as ::msgraph_entity::ODataType>::ODATA_TYPE,
                                0usize,
                            ));
                        #[cfg(feature = "android")]
                        __names
                            .push((
                                <AndroidCustomConfiguration as ::msgraph_entity::ODataType>::ODATA_TYPE,
                                1usize,
                            ));
                        __names
                            .push((
                                <Windows10CustomConfiguration as ::msgraph_entity::ODataType>::ODATA_TYPE,
                                2usize,
                            ));
                        __names
                    },
                )
        }
        #[inline]
        fn deserialize_variant<'de, __D>(
            __index: ::core::primitive::usize,
            __deserializer: __D,
        ) -> ::core::result::Result<Self, __D::Error>
        where
            __D: ::msgraph_entity::__private::serde::Deserializer<'de>,
        {
            match __index {
                0usize => {
                    ::core::result::Result::Ok(
                        Self::DeviceConfiguration(
                            ::std::boxed::Box::new(
                                <DeviceConfiguration as ::msgraph_entity::__private::serde::Deserialize>::deserialize(
                                    __deserializer,
                                )?,
                            ),
                        ),
                    )
                }
                #[cfg(feature = "android")]
                1usize => {
                    ::core::result::Result::Ok(
                        Self::AndroidCustomConfiguration(
                            ::std::boxed::Box::new(
                                <AndroidCustomConfiguration as ::msgraph_entity::__private::serde::Deserialize>::deserialize(
                                    __deserializer,
                                )?,
                            ),
                        ),
                    )
                }
                2usize => {
                    ::core::result::Result::Ok(
                        Self::Windows10CustomConfiguration(
                            ::core::convert::identity(
                                <Windows10CustomConfiguration as ::msgraph_entity::__private::serde::Deserialize>::deserialize(
                                    __deserializer,
                                )?,
                            ),
                        ),
                    )
                }
                _ => {
                    ::core::result::Result::Err(
                        <__D::Error as ::msgraph_entity::__private::serde::de::Error>::custom(
                            "no variant for this @odata.type",
                        ),
                    )
                }
            }
        }
        #[inline]
        fn from_other(__properties: ::msgraph_entity::AdditionalProperties) -> Self {
            Self::Unlisted(__properties)
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::__private::serde::Serialize for AnyDeviceConfiguration {
        fn serialize<__S>(
            &self,
            __serializer: __S,
        ) -> ::core::result::Result<__S::Ok, __S::Error>
        where
            __S: ::msgraph_entity::__private::serde::Serializer,
        {
            match self {
                Self::DeviceConfiguration(__value) => {
                    ::msgraph_entity::__private::serde::Serialize::serialize(
                        __value,
                        __serializer,
                    )
                }
                #[cfg(feature = "android")]
                Self::AndroidCustomConfiguration(__value) => {
                    ::msgraph_entity::__private::serde::Serialize::serialize(
                        __value,
                        __serializer,
                    )
                }
                Self::Windows10CustomConfiguration(__value) => {
                    ::msgraph_entity::__private::serde::Serialize::serialize(
                        __value,
                        __serializer,
                    )
                }
                Self::Unlisted(__value) => {
                    ::msgraph_entity::__private::serde::Serialize::serialize(
                        __value,
                        __serializer,
                    )
                }
            }
        }
    }
    #[automatically_derived]
    impl<'de> ::msgraph_entity::__private::serde::Deserialize<'de>
    for AnyDeviceConfiguration {
        #[inline]
        fn deserialize<__D>(
            __deserializer: __D,
        ) -> ::core::result::Result<Self, __D::Error>
        where
            __D: ::msgraph_entity::__private::serde::Deserializer<'de>,
        {
            ::msgraph_entity::__private::deserialize_polymorphic(__deserializer)
        }
    }
    #[automatically_derived]
    impl ::core::convert::From<DeviceConfiguration> for AnyDeviceConfiguration {
        #[inline]
        fn from(__value: DeviceConfiguration) -> Self {
            Self::DeviceConfiguration(::std::boxed::Box::new(__value))
        }
    }
    #[automatically_derived]
    #[cfg(feature = "android")]
    impl ::core::convert::From<AndroidCustomConfiguration> for AnyDeviceConfiguration {
        #[inline]
        fn from(__value: AndroidCustomConfiguration) -> Self {
            Self::AndroidCustomConfiguration(::std::boxed::Box::new(__value))
        }
    }
    #[automatically_derived]
    impl ::core::convert::From<Windows10CustomConfiguration> for AnyDeviceConfiguration {
        #[inline]
        fn from(__value: Windows10CustomConfiguration) -> Self {
            Self::Windows10CustomConfiguration(::core::convert::identity(__value))
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::EntityCollection for AnyDeviceConfiguration {
        const COLLECTION: ::msgraph_entity::PathTemplate = ::msgraph_entity::PathTemplate::__from_parts(
            "/deviceManagement/deviceConfigurations",
            &[
                ::msgraph_entity::PathPart::Literal(
                    "/deviceManagement/deviceConfigurations",
                ),
            ],
        );
    }
    #[automatically_derived]
    impl ::msgraph_entity::GraphEntity for AnyDeviceConfiguration {
        const KEY_PROPERTY: &'static str = "id";
        type Property = <DeviceConfiguration as ::msgraph_entity::GraphEntity>::Property;
        type Navigation = <DeviceConfiguration as ::msgraph_entity::GraphEntity>::Navigation;
        type Patch = <DeviceConfiguration as ::msgraph_entity::GraphEntity>::Patch;
        #[inline]
        fn key(&self) -> ::core::option::Option<&str> {
            match self {
                Self::DeviceConfiguration(__value) => {
                    ::msgraph_entity::GraphEntity::key(&**__value)
                }
                #[cfg(feature = "android")]
                Self::AndroidCustomConfiguration(__value) => {
                    ::msgraph_entity::GraphEntity::key(&**__value)
                }
                Self::Windows10CustomConfiguration(__value) => {
                    ::msgraph_entity::GraphEntity::key(__value)
                }
                Self::Unlisted(__properties) => {
                    __properties
                        .get_str(<Self as ::msgraph_entity::GraphEntity>::KEY_PROPERTY)
                }
            }
        }
        #[inline]
        fn missing_required(&self) -> ::core::option::Option<&'static str> {
            match self {
                Self::DeviceConfiguration(__value) => {
                    ::msgraph_entity::GraphEntity::missing_required(&**__value)
                }
                #[cfg(feature = "android")]
                Self::AndroidCustomConfiguration(__value) => {
                    ::msgraph_entity::GraphEntity::missing_required(&**__value)
                }
                Self::Windows10CustomConfiguration(__value) => {
                    ::msgraph_entity::GraphEntity::missing_required(__value)
                }
                Self::Unlisted(_) => ::core::option::Option::None,
            }
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::__private::VariantType for AnyDeviceConfiguration {
        #[inline]
        fn variant_odata_type(&self) -> ::core::option::Option<&str> {
            match self {
                Self::DeviceConfiguration(_) => {
                    ::core::option::Option::Some(
                        <DeviceConfiguration as ::msgraph_entity::ODataType>::ODATA_TYPE,
                    )
                }
                #[cfg(feature = "android")]
                Self::AndroidCustomConfiguration(_) => {
                    ::core::option::Option::Some(
                        <AndroidCustomConfiguration as ::msgraph_entity::ODataType>::ODATA_TYPE,
                    )
                }
                Self::Windows10CustomConfiguration(_) => {
                    ::core::option::Option::Some(
                        <Windows10CustomConfiguration as ::msgraph_entity::ODataType>::ODATA_TYPE,
                    )
                }
                Self::Unlisted(__properties) => __properties.get_str("@odata.type"),
            }
        }
    }
};
#[allow(dead_code, deprecated)]
impl AnyDeviceConfiguration {
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
    /// A request that applies `patch` to one item, sent without `@odata.type` (the item keeps its own type; `update_item` sends the type of a value you hold).
    pub fn update(
        key: &str,
        patch: <DeviceConfiguration as ::msgraph_entity::GraphEntity>::Patch,
    ) -> ::core::result::Result<
        ::msgraph_entity::UpdateRequest<Self>,
        ::msgraph_entity::Error,
    > {
        ::core::result::Result::Ok(
            ::msgraph_entity::UpdateRequest::new(
                    <Self as ::msgraph_entity::EntityCollection>::COLLECTION
                        .item_path(&[], key)?,
                    patch,
                )
                .without_odata_type(),
        )
    }
    #[inline]
    /// A request that applies `patch` to this item (by its key), sent with its own `@odata.type`.
    pub fn update_item(
        &self,
        patch: <DeviceConfiguration as ::msgraph_entity::GraphEntity>::Patch,
    ) -> ::core::result::Result<
        ::msgraph_entity::UpdateRequest<Self>,
        ::msgraph_entity::Error,
    > {
        ::msgraph_entity::__private::update_item(self, &[], patch)
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
