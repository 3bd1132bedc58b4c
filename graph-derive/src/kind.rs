//! Which derive is running: the one fact every stage needs, so it lives apart from all of them.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DeriveKind {
    Entity,
    Complex,
    Enum,
}

impl DeriveKind {
    pub fn macro_name(self) -> &'static str {
        match self {
            DeriveKind::Entity => "GraphEntity",
            DeriveKind::Complex => "GraphComplex",
            DeriveKind::Enum => "GraphEnum",
        }
    }
}
