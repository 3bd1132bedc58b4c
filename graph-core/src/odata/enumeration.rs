//! OData enum types.

use std::fmt;

/// An OData enum type, derived with `#[derive(GraphEnum)]`.
///
/// Members are written as Graph spells them. A member this version of the
/// model does not know is read into the enum's `#[graph(other)]` variant
/// and written back unchanged, so new beta members break nothing.
pub trait GraphEnum: Sized {
    /// The enum's name as Graph spells it: `ndesConnectorState`.
    const GRAPH_NAME: &'static str;
    /// The known members, as Graph spells them, in declaration order.
    const MEMBERS: &'static [&'static str];

    /// The member as Graph spells it.
    fn as_member(&self) -> &str;

    /// The value for a member name; an unknown name gives the `other` variant.
    fn from_member(member: &str) -> Self;
}

pub(crate) struct MemberVisitor<T>(pub(crate) std::marker::PhantomData<T>);

impl<T: GraphEnum> serde::de::Visitor<'_> for MemberVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string (one of the {} members)", T::GRAPH_NAME)
    }

    fn visit_str<E: serde::de::Error>(self, member: &str) -> Result<T, E> {
        Ok(T::from_member(member))
    }
}
