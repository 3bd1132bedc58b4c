//! The Graph service itself, apart from HTTP: a request (method, path, query, body) in, an
//! [`Answer`] out. The HTTP server, `$batch` items and the typed seeding API all come here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use http::{Method, StatusCode};
use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

use crate::address::{Bound, CollectionRef, EntityRef, Place, Resolved, Target, composite_key, resolve};
use crate::clock::{Clock, format_error_date};
use crate::defaults::default_value;
use crate::error::ServiceError;
use crate::handlers::{DynHandler, OperationCall};
use crate::query::filter::{self, Scope};
use crate::query::{Allowed, QueryOptions, project, query_pairs, skip_token};
use crate::schema::{Schema, Stamp, short_name};
use crate::store::{Object, Store, item_address};
use crate::validate::{Checked, Checker, Purpose};

/// The versions the stand-in serves, both from the same schema and store.
pub(crate) const VERSIONS: &[&str] = &["beta", "v1.0"];

/// The largest request body read: larger is a `413`.
pub(crate) const MAX_BODY_BYTES: usize = 32 << 20;

pub(crate) struct Service {
    pub schema: Arc<Schema>,
    /// Items per page when a request asks for no smaller `$top`.
    pub page_size: usize,
    /// `http://127.0.0.1:{port}`: the root of next links, `@odata.context` and `Location`.
    pub base_url: String,
    pub state: Mutex<State>,
    pub handlers: RwLock<HashMap<String, Arc<DynHandler>>>,
    pub clock: Arc<Clock>,
    /// Updates answer `200` with the entity instead of `204`.
    pub updates_return_entity: bool,
}

#[derive(Default)]
pub(crate) struct State {
    pub store: Store,
    pub calls: Vec<OperationCall>,
}

/// One request to the service.
pub(crate) struct Call<'a> {
    pub method: &'a Method,
    /// `beta` or `v1.0`.
    pub version: &'a str,
    /// The raw path after the version: `/deviceManagement/ndesConnectors`.
    pub path: &'a str,
    /// The raw query, without `?`.
    pub query: &'a str,
    pub body: &'a [u8],
    pub ids: &'a RequestIds,
}

/// The ids an answer carries: the service's own, and the client's echoed.
#[derive(Debug, Clone)]
pub(crate) struct RequestIds {
    pub request_id: String,
    pub client_request_id: Option<String>,
}

/// What the service answers.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub status: StatusCode,
    pub content_type: Option<&'static str>,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

pub(crate) const JSON: &str =
    "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

impl Answer {
    pub fn json(status: StatusCode, value: &Value) -> Answer {
        Answer {
            status,
            content_type: Some(JSON),
            headers: Vec::new(),
            body: serde_json::to_vec(value).unwrap_or_default(),
        }
    }

    pub fn empty(status: StatusCode) -> Answer {
        Answer { status, content_type: None, headers: Vec::new(), body: Vec::new() }
    }

    pub fn text(status: StatusCode, content_type: &'static str, body: impl Into<Vec<u8>>) -> Answer {
        Answer { status, content_type: Some(content_type), headers: Vec::new(), body: body.into() }
    }

    /// A Graph error: `{"error": {"code", "message", "innerError": {"request-id", "client-request-id", "date"}}}`.
    pub fn error(error: &ServiceError, ids: &RequestIds, now: std::time::SystemTime) -> Answer {
        let mut inner = Map::new();
        inner.insert("date".into(), Value::String(format_error_date(now)));
        inner.insert("request-id".into(), Value::String(ids.request_id.clone()));
        if let Some(client) = &ids.client_request_id {
            inner.insert("client-request-id".into(), Value::String(client.clone()));
        }
        let body =
            serde_json::json!({ "error": { "code": &error.code, "message": error.message, "innerError": inner } });
        Answer::json(error.status, &body)
    }

    pub fn is_success(&self) -> bool {
        self.status.is_success()
    }
}

/// The type name in an object's `@odata.type`.
pub(crate) fn type_of(object: &Object) -> &str {
    object.get("@odata.type").and_then(Value::as_str).map_or("", |text| text.trim_start_matches('#'))
}

/// Splits a raw path into percent-decoded segments (an empty segment, as after a trailing `/`, dropped).
pub(crate) fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| percent_decode_str(segment).decode_utf8_lossy().into_owned())
        .collect()
}

impl Service {
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poison| poison.into_inner())
    }

    /// The metadata URL that starts every `@odata.context`.
    fn context_url(&self, version: &str, fragment: &str) -> String {
        format!("{}/{version}/$metadata#{fragment}", self.base_url)
    }

    /// Answers one request.
    pub fn handle(&self, call: &Call<'_>) -> Answer {
        match self.answer(call) {
            Ok(answer) => answer,
            Err(error) => Answer::error(&error, call.ids, self.clock.now()),
        }
    }

    fn answer(&self, call: &Call<'_>) -> Result<Answer, ServiceError> {
        let segments = segments(call.path);
        if segments.len() == 1 && segments[0] == "$metadata" {
            return match *call.method {
                Method::GET => Ok(Answer::text(StatusCode::OK, "application/xml", self.schema.text().as_bytes())),
                _ => Err(ServiceError::method_not_allowed(call.method, "$metadata", &["GET"])),
            };
        }
        let resolved = resolve(&self.schema, &segments)?;
        match &resolved.target {
            Target::Operation { indexes, bound, arguments } => {
                return self.operation(call, &resolved, indexes, bound, arguments.as_deref());
            }
            Target::Collection(_) | Target::Count(_) | Target::Reference { .. } if *call.method == Method::GET => {}
            Target::Entity(_) | Target::Property { .. } if *call.method == Method::GET => {}
            _ => {
                if call.query.split('&').any(|pair| pair.starts_with('$')) {
                    // Query options shape what a GET returns; nothing else reads them.
                    let options = QueryOptions::parse(call.query, Allowed::Collection)?;
                    if options.filter.is_some() || options.top.is_some() || options.skip.is_some() {
                        return Err(ServiceError::bad_request(format!(
                            "$filter, $top and $skip apply to GET; this is a {}.",
                            call.method
                        )));
                    }
                }
            }
        }
        let mut state = self.lock();
        let store = &mut state.store;
        self.check_ancestors(store, &resolved.ancestors)?;
        match (&resolved.target, call.method.clone()) {
            (Target::Collection(collection), Method::GET) => self.list(store, call, collection),
            (Target::Collection(collection), Method::POST) => self.create(store, call, collection),
            (Target::Collection(collection), method) => Err(ServiceError::method_not_allowed(
                &method,
                &format!("the collection '{}'", collection.context),
                &["GET", "POST"],
            )),
            (Target::Entity(entity), Method::GET) => self.read(store, call, entity),
            (Target::Entity(entity), Method::PATCH) => self.update(store, call, entity, false),
            (Target::Entity(entity), Method::PUT) if entity.place != Place::Singleton => {
                self.update(store, call, entity, true)
            }
            (Target::Entity(entity), Method::DELETE) if entity.place != Place::Singleton => self.delete(store, entity),
            (Target::Entity(entity), method) => {
                let allowed: &[&str] = if entity.place == Place::Singleton {
                    &["GET", "PATCH"]
                } else {
                    &["GET", "PATCH", "PUT", "DELETE"]
                };
                Err(ServiceError::method_not_allowed(&method, &format!("'{}'", entity.context), allowed))
            }
            (Target::Property { entity, name, raw }, Method::GET) => self.property(store, call, entity, name, *raw),
            (Target::Property { name, .. }, method) => {
                Err(ServiceError::method_not_allowed(&method, &format!("the property '{name}'"), &["GET"]))
            }
            (Target::Count(collection), Method::GET) => {
                let options = QueryOptions::parse(call.query, Allowed::Collection)?;
                options.check(&self.schema, collection.seen_as())?;
                let count = self.matching(store, collection, &options).len();
                Ok(Answer::text(StatusCode::OK, "text/plain; charset=utf-8", count.to_string()))
            }
            (Target::Count(_), method) => Err(ServiceError::method_not_allowed(&method, "$count", &["GET"])),
            (Target::Reference { name, ty, collection }, Method::GET) => {
                if *collection {
                    let context = self.context_url(call.version, &format!("Collection({ty})"));
                    Ok(Answer::json(StatusCode::OK, &serde_json::json!({ "@odata.context": context, "value": [] })))
                } else {
                    Err(ServiceError::not_found(format!("'{name}' refers to an entity the stand-in does not hold.")))
                }
            }
            (Target::Reference { name, .. }, method) => Err(ServiceError::not_supported(format!(
                "{method} on '{name}', a reference to entities kept elsewhere, is not supported by the stand-in."
            ))),
            (Target::Operation { .. }, _) => unreachable!("answered above"),
        }
    }

    /// Each entity on the way to the target exists (and is of its cast type).
    fn check_ancestors(&self, store: &mut Store, ancestors: &[EntityRef]) -> Result<(), ServiceError> {
        for entity in ancestors {
            self.existing(store, entity)?;
        }
        Ok(())
    }

    /// The stored entity `entity` names. A contained single value that was never written is
    /// made on first use, as the service always has it (`/deviceManagement/virtualEndpoint`).
    pub(crate) fn existing<'s>(
        &self,
        store: &'s mut Store,
        entity: &EntityRef,
    ) -> Result<&'s mut Object, ServiceError> {
        let missing = || match &entity.place {
            Place::Item { key, .. } => ServiceError::not_found(format!(
                "No {} with the key '{key}' was found in '{}'.",
                short_name(&entity.declared),
                entity.entity_context.trim_end_matches("/$entity")
            )),
            _ => ServiceError::not_found(format!("'{}' does not exist.", entity.context)),
        };
        if entity.place == Place::Single && store.single(&entity.address).is_none() {
            let declared = self.schema.known(&entity.declared);
            if declared.needs_odata_type {
                return Err(missing());
            }
            let value = default_value(
                &self.schema,
                &msgraph_codegen::csdl::TypeRef { name: declared.name.clone(), collection: false },
            );
            if let Value::Object(mut object) = value {
                self.stamp(&mut object, &declared.name, true);
                store.set_single(&entity.address, object);
            }
        }
        let object = match &entity.place {
            Place::Item { collection, key } => store.get_mut(collection, key),
            Place::Singleton | Place::Single => store.single_mut(&entity.address),
        }
        .ok_or_else(missing)?;
        if let Some(cast) = &entity.cast
            && !self.schema.derives_from(type_of(object), cast)
        {
            return Err(ServiceError::not_found(format!(
                "'{}' is a {}, not a {}.",
                entity.context,
                short_name(type_of(object)),
                short_name(cast)
            )));
        }
        Ok(object)
    }

    /// The items of `collection` that pass its cast and `options.filter`, ordered by `options.order_by`.
    fn matching<'s>(
        &self,
        store: &'s Store,
        collection: &CollectionRef,
        options: &QueryOptions,
    ) -> Vec<(&'s str, &'s Object)> {
        let mut items: Vec<(&str, &Object)> = store
            .items(&collection.address)
            .filter(|(_, object)| {
                collection.cast.as_ref().is_none_or(|cast| self.schema.derives_from(type_of(object), cast))
            })
            .collect();
        if let Some(expr) = &options.filter {
            items.retain(|(key, object)| {
                let scope = ItemScope {
                    store,
                    address: item_address(&collection.address, key),
                    schema: &self.schema,
                    ty: type_of(object),
                };
                filter::matches(expr, object, &scope)
            });
        }
        if !options.order_by.is_empty() {
            items.sort_by(|(_, a), (_, b)| {
                for (path, descending) in &options.order_by {
                    let ordering = filter::order(filter::read_path(a, path), filter::read_path(b, path));
                    let ordering = if *descending { ordering.reverse() } else { ordering };
                    if ordering.is_ne() {
                        return ordering;
                    }
                }
                std::cmp::Ordering::Equal
            });
        }
        items
    }

    fn list(&self, store: &mut Store, call: &Call<'_>, collection: &CollectionRef) -> Result<Answer, ServiceError> {
        let options = QueryOptions::parse(call.query, Allowed::Collection)?;
        options.check(&self.schema, collection.seen_as())?;
        let items = self.matching(store, collection, &options);
        let total = items.len();
        let start = options.skip_token.unwrap_or(0).max(options.skip.unwrap_or(0));
        let page_size = options.top.map_or(self.page_size, |top| top.min(self.page_size));
        let end = start.saturating_add(page_size).min(total);
        let mut value = Vec::with_capacity(end.saturating_sub(start));
        for (key, object) in items.iter().skip(start).take(end.saturating_sub(start)) {
            let address = item_address(&collection.address, key);
            value.push(Value::Object(self.shape(store, object, &address, &options)));
        }
        let mut page = Map::new();
        page.insert("@odata.context".into(), Value::String(self.context_url(call.version, &collection.context)));
        if options.count {
            page.insert("@odata.count".into(), Value::from(total));
        }
        if end < total && page_size > 0 {
            page.insert("@odata.nextLink".into(), Value::String(self.next_link(call, end)));
        }
        page.insert("value".into(), Value::Array(value));
        Ok(Answer::json(StatusCode::OK, &Value::Object(page)))
    }

    /// The link to the page starting at `offset`: the request's own options, with a `$skiptoken`.
    fn next_link(&self, call: &Call<'_>, offset: usize) -> String {
        let mut query: Vec<&str> = call
            .query
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("$skiptoken=") && !pair.starts_with("$skip="))
            .collect();
        let token = format!("$skiptoken={}", skip_token(offset));
        query.push(&token);
        format!("{}/{}{}?{}", self.base_url, call.version, call.path, query.join("&"))
    }

    /// An entity as a response shows it: `$select`ed, `$expand`ed.
    fn shape(&self, store: &Store, object: &Object, address: &str, options: &QueryOptions) -> Object {
        let mut shaped = project(object, options.select.as_deref());
        for item in &options.expand {
            let ty = type_of(object).to_owned();
            let names: Vec<String> = if item.navigation == "*" {
                let info = self.schema.known(&ty);
                let mut names: Vec<String> =
                    info.navigation.iter().filter(|(_, nav)| nav.contained).map(|(name, _)| name.clone()).collect();
                names.sort();
                names
            } else {
                vec![item.navigation.clone()]
            };
            for name in names {
                let Some(navigation) = self.schema.navigation_in_family(&ty, &name) else { continue };
                let child_address = format!("{address}/{name}");
                let value = match (navigation.contained, navigation.ty.collection) {
                    (true, true) => {
                        let collection = CollectionRef {
                            address: child_address,
                            declared: navigation.ty.name.clone(),
                            cast: None,
                            context: String::new(),
                        };
                        let children = self.matching(store, &collection, &item.options);
                        let skip = item.options.skip.unwrap_or(0);
                        let top = item.options.top.unwrap_or(usize::MAX);
                        Value::Array(
                            children
                                .iter()
                                .skip(skip)
                                .take(top)
                                .map(|(key, child)| {
                                    let address = item_address(&collection.address, key);
                                    Value::Object(self.shape(store, child, &address, &item.options))
                                })
                                .collect(),
                        )
                    }
                    (true, false) => store.single(&child_address).map_or(Value::Null, |child| {
                        Value::Object(self.shape(store, child, &child_address, &item.options))
                    }),
                    (false, true) => Value::Array(Vec::new()),
                    (false, false) => Value::Null,
                };
                shaped.insert(name, value);
            }
        }
        shaped
    }

    fn create(&self, store: &mut Store, call: &Call<'_>, collection: &CollectionRef) -> Result<Answer, ServiceError> {
        let body = parse_body(call.body)?;
        let checked = Checker::new(&self.schema, Purpose::Create).entity(collection.seen_as(), &body)?;
        let (key, object) = self.insert_checked(store, &collection.address, checked, Purpose::Create)?;
        let mut answer =
            self.entity_answer(call.version, &format!("{}/$entity", collection.context), &object, StatusCode::CREATED);
        answer.headers.push((
            "location",
            format!("{}/{}{}/{}", self.base_url, call.version, call.path.trim_end_matches('/'), key),
        ));
        Ok(answer)
    }

    /// Stores a checked entity (and, for a deep insert, its children) in `collection`; the
    /// key and the stamps are set as `purpose` says. Returns its key and what was stored.
    pub(crate) fn insert_checked(
        &self,
        store: &mut Store,
        collection: &str,
        checked: Checked,
        purpose: Purpose,
    ) -> Result<(String, Object), ServiceError> {
        let Checked { ty, mut body, children } = checked;
        let info = self.schema.known(&ty);
        let generate = purpose == Purpose::Create;
        let key = match info.key.as_slice() {
            [single] => {
                let given = body.get(single).and_then(|value| match value {
                    Value::String(text) => Some(text.clone()),
                    Value::Number(number) => Some(number.to_string()),
                    _ => None,
                });
                let key = match given {
                    Some(given) if !generate => given,
                    _ => uuid::Uuid::new_v4().to_string(),
                };
                body.insert(single.clone(), Value::String(key.clone()));
                key
            }
            [] => {
                return Err(ServiceError::bad_request(format!(
                    "'{ty}' has no key: it cannot be stored in a collection."
                )));
            }
            names => {
                let mut values = Vec::new();
                for name in names {
                    let read_only = info.properties.get(name).is_some_and(|property| property.read_only);
                    if read_only && (generate || !body.contains_key(name)) {
                        body.insert(name.clone(), Value::String(uuid::Uuid::new_v4().to_string()));
                    }
                    let value = match body.get(name) {
                        Some(Value::String(text)) => text.clone(),
                        Some(Value::Number(number)) => number.to_string(),
                        _ => {
                            return Err(ServiceError::bad_request(format!(
                                "The key property '{name}' of '{ty}' must be given (its key is {}).",
                                names.join(", ")
                            )));
                        }
                    };
                    values.push((name.as_str(), value));
                }
                composite_key(values.iter().map(|(name, value)| (*name, value.as_str())))
            }
        };
        if generate {
            for (name, property) in &info.properties {
                if property.read_only && !property.nullable && property.stamp.is_none() && !body.contains_key(name) {
                    body.insert(name.clone(), default_value(&self.schema, &property.ty));
                }
            }
        }
        self.stamp(&mut body, &ty, generate);
        if !store.insert(collection, key.clone(), body.clone()) {
            return Err(ServiceError::new(
                StatusCode::CONFLICT,
                "Conflict",
                format!("An entity with the key '{key}' already exists in '{collection}'."),
            ));
        }
        let address = item_address(collection, &key);
        for child in children {
            let child_address = format!("{address}/{}", child.navigation);
            for entity in child.entities {
                let result = if child.collection {
                    self.insert_checked(store, &child_address, entity, purpose).map(drop)
                } else {
                    let mut body = entity.body;
                    self.stamp(&mut body, &entity.ty, generate);
                    store.set_single(&child_address, body);
                    Ok(())
                };
                if let Err(error) = result {
                    // All or nothing: the parent goes with what was stored under it.
                    store.remove(collection, &key);
                    return Err(error);
                }
            }
        }
        Ok((key, body))
    }

    /// Sets the creation and modification stamps of a new entity (`created`), or the modification ones.
    fn stamp(&self, body: &mut Object, ty: &str, created: bool) {
        let Some(info) = self.schema.ty(ty) else { return };
        let mut now = None;
        for (name, property) in &info.properties {
            let Some(stamp) = property.stamp else { continue };
            if stamp == Stamp::Created && !created {
                continue;
            }
            if created && body.get(name).is_some_and(|value| !value.is_null()) {
                // A seeded value keeps the stamps it was exported with.
                continue;
            }
            let now = now.get_or_insert_with(|| self.clock.timestamp());
            body.insert(name.clone(), Value::String(now.clone()));
        }
    }

    fn read(&self, store: &mut Store, call: &Call<'_>, entity: &EntityRef) -> Result<Answer, ServiceError> {
        let options = QueryOptions::parse(call.query, Allowed::Single)?;
        options.check(&self.schema, entity.seen_as())?;
        let object = self.existing(store, entity)?.clone();
        let shaped = self.shape(store, &object, &entity.address, &options);
        Ok(self.entity_answer(call.version, &entity.entity_context, &shaped, StatusCode::OK))
    }

    fn entity_answer(&self, version: &str, context: &str, object: &Object, status: StatusCode) -> Answer {
        let mut body = Map::with_capacity(object.len() + 1);
        body.insert("@odata.context".into(), Value::String(self.context_url(version, context)));
        body.extend(object.iter().map(|(name, value)| (name.clone(), value.clone())));
        Answer::json(status, &Value::Object(body))
    }

    fn update(
        &self,
        store: &mut Store,
        call: &Call<'_>,
        entity: &EntityRef,
        replace: bool,
    ) -> Result<Answer, ServiceError> {
        let body = parse_body(call.body)?;
        let stored = self.existing(store, entity)?;
        let ty = type_of(stored).to_owned();
        let checked = Checker::new(&self.schema, Purpose::Update).entity(&ty, &body)?;
        let info = self.schema.known(&ty);
        if replace {
            // PUT: what the body does not give is cleared, but for the key and the stamps.
            stored.retain(|name, _| {
                name == "@odata.type"
                    || info.key.contains(name)
                    || info.properties.get(name).is_some_and(|property| property.read_only)
            });
        }
        for (name, value) in checked.body {
            if name != "@odata.type" && !info.key.contains(&name) {
                stored.insert(name, value);
            }
        }
        self.stamp(stored, &ty, false);
        if self.updates_return_entity {
            return Ok(self.entity_answer(call.version, &entity.entity_context, stored, StatusCode::OK));
        }
        Ok(Answer::empty(StatusCode::NO_CONTENT))
    }

    fn delete(&self, store: &mut Store, entity: &EntityRef) -> Result<Answer, ServiceError> {
        self.existing(store, entity)?;
        match &entity.place {
            Place::Item { collection, key } => {
                store.remove(collection, key);
            }
            Place::Single => {
                store.remove_single(&entity.address);
            }
            Place::Singleton => unreachable!("refused before"),
        }
        Ok(Answer::empty(StatusCode::NO_CONTENT))
    }

    fn property(
        &self,
        store: &mut Store,
        call: &Call<'_>,
        entity: &EntityRef,
        name: &str,
        raw: bool,
    ) -> Result<Answer, ServiceError> {
        let object = self.existing(store, entity)?;
        let value = object.get(name).cloned().unwrap_or(Value::Null);
        if value.is_null() {
            return Ok(Answer::empty(StatusCode::NO_CONTENT));
        }
        if raw {
            let text = match &value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            return Ok(Answer::text(StatusCode::OK, "text/plain; charset=utf-8", text));
        }
        let context = self.context_url(call.version, &format!("{}/{name}", entity.context));
        Ok(Answer::json(StatusCode::OK, &serde_json::json!({ "@odata.context": context, "value": value })))
    }

    /// Answers a bound operation: see [`crate::operations`].
    fn operation(
        &self,
        call: &Call<'_>,
        resolved: &Resolved,
        indexes: &[usize],
        bound: &Bound,
        arguments: Option<&str>,
    ) -> Result<Answer, ServiceError> {
        self.answer_operation(call, resolved, indexes, bound, arguments)
    }
}

/// A request body as JSON; an empty or malformed one is a `400` saying so.
pub(crate) fn parse_body(body: &[u8]) -> Result<Value, ServiceError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ServiceError::bad_request("The request body is empty; a JSON object was expected."));
    }
    serde_json::from_slice(body)
        .map_err(|error| ServiceError::bad_request(format!("The request body is not valid JSON: {error}.")))
}

/// Reads an item's contained navigation collections for `$filter` lambdas (`assignments/any(…)`).
struct ItemScope<'a> {
    store: &'a Store,
    address: String,
    schema: &'a Schema,
    ty: &'a str,
}

impl Scope for ItemScope<'_> {
    fn navigation(&self, name: &str) -> Option<Vec<Value>> {
        let navigation = self.schema.navigation_in_family(self.ty, name)?;
        if !navigation.contained {
            return Some(Vec::new());
        }
        let address = format!("{}/{name}", self.address);
        if navigation.ty.collection {
            Some(self.store.items(&address).map(|(_, object)| Value::Object(object.clone())).collect())
        } else {
            Some(self.store.single(&address).map(|object| vec![Value::Object(object.clone())]).unwrap_or_default())
        }
    }
}

/// The `@`-aliases and other parameters of a query string, for a function call.
pub(crate) fn query_aliases(query: &str) -> Vec<(String, String)> {
    query_pairs(query).into_iter().filter(|(name, _)| name.starts_with('@')).collect()
}
