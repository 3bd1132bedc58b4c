#[doc(hidden)]
#[allow(deprecated)]
const _: () = {
    #[automatically_derived]
    impl ::msgraph_entity::GraphEnum for NdesConnectorState {
        const GRAPH_NAME: &'static str = "ndesConnectorState";
        const MEMBERS: &'static [&'static str] = &["none", "active", "inactive"];
        #[inline]
        fn as_member(&self) -> &str {
            match self {
                Self::None => "none",
                Self::Active => "active",
                Self::Inactive => "inactive",
                Self::Other(__member) => ::core::convert::AsRef::<str>::as_ref(__member),
            }
        }
        #[inline]
        fn from_member(__member: &str) -> Self {
            match __member {
                "none" => Self::None,
                "active" => Self::Active,
                "inactive" => Self::Inactive,
                _ => {
                    ::msgraph_entity::__private::note_unknown_member();
                    Self::Other(::core::convert::From::from(__member))
                }
            }
        }
    }
    #[automatically_derived]
    impl ::msgraph_entity::__private::serde::Serialize for NdesConnectorState {
        #[inline]
        fn serialize<__S>(
            &self,
            __serializer: __S,
        ) -> ::core::result::Result<__S::Ok, __S::Error>
        where
            __S: ::msgraph_entity::__private::serde::Serializer,
        {
            ::msgraph_entity::__private::serialize_enum(self, __serializer)
        }
    }
    #[automatically_derived]
    impl<'de> ::msgraph_entity::__private::serde::Deserialize<'de>
    for NdesConnectorState {
        #[inline]
        fn deserialize<__D>(
            __deserializer: __D,
        ) -> ::core::result::Result<Self, __D::Error>
        where
            __D: ::msgraph_entity::__private::serde::Deserializer<'de>,
        {
            ::msgraph_entity::__private::deserialize_enum(__deserializer)
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Display for NdesConnectorState {
        #[inline]
        fn fmt(
            &self,
            __formatter: &mut ::core::fmt::Formatter<'_>,
        ) -> ::core::fmt::Result {
            ::core::fmt::Formatter::write_str(
                __formatter,
                ::msgraph_entity::GraphEnum::as_member(self),
            )
        }
    }
};
