//! The guide: how to use this crate, one chapter a module, every example compiled and run as a
//! test.
//!
//! The chapters build requests and read canned responses, so they need no network; sending is
//! the [`client`](crate::client) module's (the `client` feature). Each chapter declares the small
//! entity it uses. The generated Intune models (`msgraph-intune`) are these derives applied to
//! the whole Intune schema, so everything here works the same on them.
//!
//! 1. [`lifecycle`]: create, get, list, update and delete; query options; paging; errors.
//! 2. [`navigation`]: navigation properties, typed `$expand`, deep insert.
//! 3. [`control_information`]: etags, advertised operations, annotations, explicit nulls.
//! 4. [`backup_restore`]: saving values, creating them again in another tenant, correcting drift.
//! 5. [`operations`]: actions and functions.
//! 6. [`batching`]: many requests in one `$batch`, each read back typed.
//! 7. [`primitives`]: OData primitives, enums and flags, unknown data, polymorphic types.
//! 8. [`modelling`]: writing an entity yourself, and every `#[graph(...)]` attribute.
//! 9. [`generating`]: models generated from your own `$metadata` by `msgraph-codegen`.
//!
//! Sending, retries, throttling, streams and `tracing` are in [`client`](crate::client);
//! credentials in [`client::credentials`](crate::client::credentials).

pub mod backup_restore;
pub mod batching;
pub mod control_information;
pub mod generating;
pub mod lifecycle;
pub mod modelling;
pub mod navigation;
pub mod operations;
pub mod primitives;
