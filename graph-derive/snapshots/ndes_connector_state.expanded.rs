#[doc(hidden)]
const _: () = {
    #[automatically_derived]
    impl ::graph_core::GraphEnum for NdesConnectorState {
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
                    ::graph_core::__private::note_unknown_member();
                    Self::Other(::core::convert::From::from(__member))
                }
            }
        }
    }
    #[automatically_derived]
    impl ::graph_core::__private::serde::Serialize for NdesConnectorState {
        #[inline]
        fn serialize<__S>(
            &self,
            __serializer: __S,
        ) -> ::core::result::Result<__S::Ok, __S::Error>
        where
            __S: ::graph_core::__private::serde::Serializer,
        {
            ::graph_core::__private::serialize_enum(self, __serializer)
        }
    }
    #[automatically_derived]
    impl<'de> ::graph_core::__private::serde::Deserialize<'de> for NdesConnectorState {
        #[inline]
        fn deserialize<__D>(
            __deserializer: __D,
        ) -> ::core::result::Result<Self, __D::Error>
        where
            __D: ::graph_core::__private::serde::Deserializer<'de>,
        {
            ::graph_core::__private::deserialize_enum(__deserializer)
        }
    }
    #[automatically_derived]
    impl ::core::fmt::Display for NdesConnectorState {
        fn fmt(
            &self,
            __formatter: &mut ::core::fmt::Formatter<'_>,
        ) -> ::core::fmt::Result {
            ::core::fmt::Formatter::write_str(
                __formatter,
                ::graph_core::GraphEnum::as_member(self),
            )
        }
    }
};
