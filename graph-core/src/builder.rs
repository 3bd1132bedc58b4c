//! Typestate markers for the generated create builders.
//!
//! A required property starts in an "unset" state, a zero-sized marker type
//! the derive names after the property (`displayName`). Its setter moves it
//! to [`Set<T>`]. `build()` asks every required property for [`IsSet`], so a
//! forgotten one is a compile error that names it.

/// A required property of a create builder whose value has been given.
#[derive(Debug, Clone, PartialEq)]
pub struct Set<T>(pub(crate) T);

/// Implemented by the state of a required builder property once its setter was called.
#[diagnostic::on_unimplemented(
    message = "the required property `{Self}` was not set",
    label = "`{Self}` must be set before `build()`",
    note = "call the setter for `{Self}` on the builder first"
)]
pub trait IsSet<T>: sealed::Sealed {
    /// The value given to the setter.
    fn into_value(self) -> T;
}

impl<T> IsSet<T> for Set<T> {
    #[inline]
    fn into_value(self) -> T {
        self.0
    }
}

impl<T> Set<T> {
    /// Wraps the value of a required property (called by generated setters).
    #[doc(hidden)]
    #[inline]
    pub fn __new(value: T) -> Self {
        Set(value)
    }
}

mod sealed {
    pub trait Sealed {}
    impl<T> Sealed for super::Set<T> {}
}
