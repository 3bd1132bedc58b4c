//! Values of OData flags enums: several members at once.

use std::convert::Infallible;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use super::GraphEnum;

/// A value of an OData flags enum: the members it holds, `keyEncipherment,digitalSignature`.
///
/// Graph writes flags as its members joined by commas with no spaces, and this
/// type reads and writes them that way, keeping the order read. Each part is
/// read with [`GraphEnum::from_member`], so a member this version of the model
/// does not know lands in the enum's `other` variant and is written back
/// unchanged; with that, the text read is the text written, even for texts
/// Graph would not write (`a, b` keeps its space, in the member ` b`).
/// The empty text is no members.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<E>(Vec<E>);

impl<E> Flags<E> {
    /// These members, in this order.
    pub fn new(members: Vec<E>) -> Self {
        Flags(members)
    }

    /// The members, in the order read or given.
    pub fn members(&self) -> &[E] {
        &self.0
    }

    /// Whether `member` is one of the members.
    pub fn contains(&self, member: &E) -> bool
    where
        E: PartialEq,
    {
        self.0.contains(member)
    }

    /// The members, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, E> {
        self.0.iter()
    }
}

impl<E: GraphEnum> Flags<E> {
    /// Reads comma-separated members. Never fails: unknown members are kept as text.
    pub fn parse(text: &str) -> Self {
        // `"".split(',')` yields one empty part; the empty text is no members, not one empty one.
        if text.is_empty() {
            return Flags(Vec::new());
        }
        Flags(text.split(',').map(E::from_member).collect())
    }
}

// Written by hand: a derived `Default` would require `E: Default`, which an empty list does not need.
impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<E> From<Vec<E>> for Flags<E> {
    fn from(members: Vec<E>) -> Self {
        Flags(members)
    }
}

impl<E> From<E> for Flags<E> {
    /// The one member.
    fn from(member: E) -> Self {
        Flags(vec![member])
    }
}

impl<E> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(members: I) -> Self {
        Flags(members.into_iter().collect())
    }
}

impl<'a, E> IntoIterator for &'a Flags<E> {
    type Item = &'a E;
    type IntoIter = std::slice::Iter<'a, E>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<E: GraphEnum> FromStr for Flags<E> {
    type Err = Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Flags::parse(text))
    }
}

impl<E: GraphEnum> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, member) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(",")?;
            }
            f.write_str(member.as_member())?;
        }
        Ok(())
    }
}

impl<E: GraphEnum> serde::Serialize for Flags<E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // serde_json writes the members straight into its output; no joined `String` is built.
        serializer.collect_str(self)
    }
}

impl<'de, E: GraphEnum> serde::Deserialize<'de> for Flags<E> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor(PhantomData))
    }
}

struct TextVisitor<E>(PhantomData<E>);

impl<E: GraphEnum> serde::de::Visitor<'_> for TextVisitor<E> {
    type Value = Flags<E>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string of {} members joined by commas", E::GRAPH_NAME)?;
        // The example is made of the enum's own members, so it is one the reader would accept.
        match E::MEMBERS {
            [] => Ok(()),
            [only] => write!(f, " such as `{only}`"),
            [first, second, ..] => write!(f, " such as `{first},{second}`"),
        }
    }

    fn visit_str<Err: serde::de::Error>(self, text: &str) -> Result<Flags<E>, Err> {
        Ok(Flags::parse(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::HashSet;

    /// A flags enum written out by hand, so these tests do not depend on the derive.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum KeyUsages {
        KeyEncipherment,
        DigitalSignature,
        Other(String),
    }

    impl GraphEnum for KeyUsages {
        const GRAPH_NAME: &'static str = "keyUsages";
        const MEMBERS: &'static [&'static str] = &["keyEncipherment", "digitalSignature"];

        fn as_member(&self) -> &str {
            match self {
                KeyUsages::KeyEncipherment => "keyEncipherment",
                KeyUsages::DigitalSignature => "digitalSignature",
                KeyUsages::Other(member) => member,
            }
        }

        fn from_member(member: &str) -> Self {
            match member {
                "keyEncipherment" => KeyUsages::KeyEncipherment,
                "digitalSignature" => KeyUsages::DigitalSignature,
                _ => KeyUsages::Other(member.to_owned()),
            }
        }
    }

    /// An enum with no members but the `other` one.
    #[derive(Debug, Clone, PartialEq)]
    struct Unlisted(String);

    impl GraphEnum for Unlisted {
        const GRAPH_NAME: &'static str = "unlisted";
        const MEMBERS: &'static [&'static str] = &[];

        fn as_member(&self) -> &str {
            &self.0
        }

        fn from_member(member: &str) -> Self {
            Unlisted(member.to_owned())
        }
    }

    use KeyUsages::{DigitalSignature, KeyEncipherment, Other};

    #[test]
    fn members_are_read_in_order_and_written_back() {
        for (text, members) in [
            ("keyEncipherment,digitalSignature", vec![KeyEncipherment, DigitalSignature]),
            ("digitalSignature,keyEncipherment", vec![DigitalSignature, KeyEncipherment]),
            ("keyEncipherment", vec![KeyEncipherment]),
            ("", vec![]),
            ("keyEncipherment,keyAgreement", vec![KeyEncipherment, Other("keyAgreement".into())]),
            ("keyEncipherment,keyEncipherment", vec![KeyEncipherment, KeyEncipherment]),
            // Not what Graph writes, but what was read is what is written.
            ("keyEncipherment, digitalSignature", vec![KeyEncipherment, Other(" digitalSignature".into())]),
            ("KeyEncipherment", vec![Other("KeyEncipherment".into())]),
            (",", vec![Other(String::new()), Other(String::new())]),
            ("keyEncipherment,,digitalSignature", vec![KeyEncipherment, Other(String::new()), DigitalSignature]),
            ("clé,🔑", vec![Other("clé".into()), Other("🔑".into())]),
        ] {
            let value: Flags<KeyUsages> = text.parse().unwrap();
            assert_eq!(value.members(), members, "{text:?}");
            assert_eq!(value.to_string(), text);
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json, serde_json::to_string(text).unwrap());
            assert_eq!(serde_json::from_str::<Flags<KeyUsages>>(&json).unwrap(), value);
        }
    }

    #[test]
    fn built_values_are_written_as_graph_writes_them() {
        let value = Flags::new(vec![KeyEncipherment, DigitalSignature]);
        assert_eq!(value.to_string(), "keyEncipherment,digitalSignature");
        assert_eq!(serde_json::to_string(&value).unwrap(), "\"keyEncipherment,digitalSignature\"");
        assert_eq!(Flags::from(vec![KeyEncipherment, DigitalSignature]), value);
        assert_eq!([KeyEncipherment, DigitalSignature].into_iter().collect::<Flags<_>>(), value);
        assert_eq!(Flags::from(DigitalSignature).to_string(), "digitalSignature");
        assert_eq!(Flags::<KeyUsages>::default().to_string(), "");
        assert_eq!(Flags::<KeyUsages>::default(), Flags::new(Vec::new()));
    }

    #[test]
    fn membership_and_iteration() {
        let value = Flags::parse("keyEncipherment,keyAgreement");
        assert!(value.contains(&KeyEncipherment));
        assert!(!value.contains(&DigitalSignature));
        assert!(value.contains(&Other("keyAgreement".into())));
        let members: Vec<&str> = value.iter().map(GraphEnum::as_member).collect();
        assert_eq!(members, ["keyEncipherment", "keyAgreement"]);
        let mut count = 0;
        for member in &value {
            assert!(value.contains(member));
            count += 1;
        }
        assert_eq!(count, 2);
    }

    #[test]
    fn derived_like_impls() {
        let value = Flags::parse("keyEncipherment,keyAgreement");
        assert_eq!(format!("{value:?}"), "Flags([KeyEncipherment, Other(\"keyAgreement\")])");
        assert_eq!(value.clone(), value);
        // Order counts: the text differs, so the values do.
        assert_ne!(value, Flags::parse("keyAgreement,keyEncipherment"));
        let set: HashSet<Flags<KeyUsages>> = [value.clone(), value.clone(), Flags::default()].into_iter().collect();
        assert_eq!(set.len(), 2);
        // `Default` does not need the members to have a default.
        let empty: Flags<Unlisted> = Flags::default();
        assert!(empty.members().is_empty());
    }

    #[test]
    fn serde_errors_name_the_enum_and_show_an_example() {
        let error = serde_json::from_str::<Flags<KeyUsages>>("[\"keyEncipherment\"]").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: sequence, expected a string of keyUsages members joined by commas \
             such as `keyEncipherment,digitalSignature` at line 1 column 0"
        );
        let error = serde_json::from_str::<Flags<Unlisted>>("1").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: integer `1`, expected a string of unlisted members joined by commas at line 1 column 1"
        );
    }
}
