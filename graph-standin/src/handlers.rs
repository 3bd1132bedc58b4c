//! What a test gives an operation to answer with: a handler, the call it receives, the error it
//! may answer. Kept apart from the service and the operations, which both use them.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// One call of a bound operation, as the stand-in received it; a handler's input.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct OperationCall<P = Value> {
    /// The operation's qualified name: `microsoft.graph.assign`.
    pub operation: String,
    /// The type it was bound to here: the entity's own type, or the collection's.
    pub binding_type: String,
    /// The path it was called on, from the version: `/deviceManagement/deviceConfigurations/{id}`.
    pub path: String,
    /// The parameters: the action's body, or the function's arguments as JSON.
    pub parameters: P,
    /// The entity it is bound to, as stored before the call (`None` for a collection).
    pub bound_entity: Option<Value>,
}

impl OperationCall<Value> {
    /// The parameters read as `P` (a struct of the parameters, in Graph's camelCase names).
    pub fn parameters_as<P: DeserializeOwned>(&self) -> Result<P, serde_json::Error> {
        serde_json::from_value(self.parameters.clone())
    }

    fn with_parameters<P>(&self, parameters: P) -> OperationCall<P> {
        OperationCall {
            operation: self.operation.clone(),
            binding_type: self.binding_type.clone(),
            path: self.path.clone(),
            parameters,
            bound_entity: self.bound_entity.clone(),
        }
    }
}

/// What a handler answers instead of a value: a Graph error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerError {
    /// The HTTP status: `400`, `404`, `409`...
    pub status: u16,
    /// The Graph error code: `BadRequest`.
    pub code: String,
    /// What is wrong.
    pub message: String,
}

impl HandlerError {
    /// An error of this status, code and message.
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        HandlerError { status, code: code.into(), message: message.into() }
    }

    /// A `400 BadRequest`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        HandlerError::new(400, "BadRequest", message)
    }
}

impl std::fmt::Display for HandlerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)
    }
}

impl std::error::Error for HandlerError {}

/// A handler as the stand-in keeps it: parameters and result as JSON.
pub(crate) type DynHandler = dyn Fn(&OperationCall) -> Result<Value, HandlerError> + Send + Sync;

/// Wraps a typed handler: `P` read from the parameters (a `400` when they do not read as
/// `P`), `R` written as the result.
pub(crate) fn typed_handler<P, R, F>(handler: F) -> Box<DynHandler>
where
    P: DeserializeOwned,
    R: serde::Serialize,
    F: Fn(OperationCall<P>) -> Result<R, HandlerError> + Send + Sync + 'static,
{
    Box::new(move |call: &OperationCall| {
        let parameters: P = call.parameters_as().map_err(|error| {
            HandlerError::bad_request(format!(
                "The parameters of '{}' do not read as the handler's type: {error}",
                call.operation
            ))
        })?;
        let result = handler(call.with_parameters(parameters))?;
        serde_json::to_value(result).map_err(|error| {
            HandlerError::new(
                500,
                "InternalServerError",
                format!("The handler's result cannot be written as JSON: {error}"),
            )
        })
    })
}
