//! Which derive is running: the one fact every stage needs, so it lives apart from all of them.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DeriveKind {
    Entity,
    Complex,
    Enum,
    /// An OData action: the struct is its parameters.
    Action,
    /// An OData function: the struct is its parameters.
    Function,
}

impl DeriveKind {
    pub fn macro_name(self) -> &'static str {
        match self {
            DeriveKind::Entity => "GraphEntity",
            DeriveKind::Complex => "GraphComplex",
            DeriveKind::Enum => "GraphEnum",
            DeriveKind::Action => "GraphAction",
            DeriveKind::Function => "GraphFunction",
        }
    }
}

impl DeriveKind {
    /// Whether the derive is of an operation's parameters (an action or a function).
    pub fn is_operation(self) -> bool {
        matches!(self, DeriveKind::Action | DeriveKind::Function)
    }
}
