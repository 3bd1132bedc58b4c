//! The in-memory tenant: collections of entities by their address, and single values
//! (singletons, contained single-valued navigation properties).
//!
//! An address is the path of a place without the version and without cast segments:
//! `deviceManagement/deviceConfigurations` is a collection, `deviceManagement/deviceConfigurations/{id}`
//! an item of it and `deviceManagement/deviceConfigurations/{id}/assignments` a collection
//! under that item. Everything an entity contains lives under its address, so deleting it
//! removes one range of each map.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

/// A JSON object: one stored entity, `@odata.type` included.
pub(crate) type Object = Map<String, Value>;

#[derive(Debug, Default)]
pub(crate) struct Store {
    collections: BTreeMap<String, Collection>,
    singles: BTreeMap<String, Object>,
}

/// The items of one collection, in the order they were added, found by key.
#[derive(Debug, Default)]
struct Collection {
    by_order: BTreeMap<u64, (String, Object)>,
    by_key: HashMap<String, u64>,
    next: u64,
}

/// `{collection}/{key}`: the address of an item. A `/` in a key is escaped so that an
/// address never reaches into another's range.
pub(crate) fn item_address(collection: &str, key: &str) -> String {
    if key.contains('/') { format!("{collection}/{}", key.replace('/', "%2F")) } else { format!("{collection}/{key}") }
}

impl Store {
    pub fn get_mut(&mut self, collection: &str, key: &str) -> Option<&mut Object> {
        let items = self.collections.get_mut(collection)?;
        let order = *items.by_key.get(key)?;
        items.by_order.get_mut(&order).map(|(_, object)| object)
    }

    /// Adds an item; `false` (and nothing changed) when the key is taken.
    pub fn insert(&mut self, collection: &str, key: String, object: Object) -> bool {
        let items = self.collections.entry(collection.to_owned()).or_default();
        if items.by_key.contains_key(&key) {
            return false;
        }
        let order = items.next;
        items.next += 1;
        items.by_key.insert(key.clone(), order);
        items.by_order.insert(order, (key, object));
        true
    }

    /// Removes an item and everything under it; `false` when there was none.
    pub fn remove(&mut self, collection: &str, key: &str) -> bool {
        let Some(items) = self.collections.get_mut(collection) else { return false };
        let Some(order) = items.by_key.remove(key) else { return false };
        items.by_order.remove(&order);
        self.remove_under(&item_address(collection, key));
        true
    }

    /// Removes every item of a collection (and what is under them).
    pub fn clear_collection(&mut self, collection: &str) {
        if let Some(items) = self.collections.remove(collection) {
            for (key, _) in items.by_order.values() {
                self.remove_under(&item_address(collection, key));
            }
        }
    }

    /// The items of a collection with their keys, in the order they were added.
    pub fn items(&self, collection: &str) -> impl Iterator<Item = (&str, &Object)> {
        self.collections
            .get(collection)
            .into_iter()
            .flat_map(|items| items.by_order.values().map(|(key, object)| (key.as_str(), object)))
    }

    #[cfg(test)]
    fn len(&self, collection: &str) -> usize {
        self.collections.get(collection).map_or(0, |items| items.by_key.len())
    }

    pub fn single(&self, address: &str) -> Option<&Object> {
        self.singles.get(address)
    }

    pub fn single_mut(&mut self, address: &str) -> Option<&mut Object> {
        self.singles.get_mut(address)
    }

    pub fn set_single(&mut self, address: &str, object: Object) {
        self.singles.insert(address.to_owned(), object);
    }

    /// Removes a single value and everything under it; `false` when there was none.
    pub fn remove_single(&mut self, address: &str) -> bool {
        let removed = self.singles.remove(address).is_some();
        self.remove_under(address);
        removed
    }

    /// Removes every collection and single value whose address is below `address`.
    fn remove_under(&mut self, address: &str) {
        let start = format!("{address}/");
        // `0` follows `/`: the range holds exactly the addresses that start with `{address}/`.
        let end = format!("{address}0");
        let collections: Vec<String> =
            self.collections.range(start.clone()..end.clone()).map(|(k, _)| k.clone()).collect();
        for collection in collections {
            self.collections.remove(&collection);
        }
        let singles: Vec<String> = self.singles.range(start..end).map(|(k, _)| k.clone()).collect();
        for single in singles {
            self.singles.remove(&single);
        }
    }

    /// How many entities are stored, in all.
    pub fn entity_count(&self) -> usize {
        self.collections.values().map(|items| items.by_key.len()).sum::<usize>() + self.singles.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(id: &str) -> Object {
        let mut object = Object::new();
        object.insert("id".into(), Value::String(id.into()));
        object
    }

    #[test]
    fn items_keep_their_order_and_a_delete_takes_what_is_under_it() {
        let mut store = Store::default();
        assert!(store.insert("dm/things", "b".into(), object("b")));
        assert!(store.insert("dm/things", "a".into(), object("a")));
        assert!(!store.insert("dm/things", "a".into(), object("again")), "a key is taken once");
        assert!(store.insert("dm/things/a/parts", "p".into(), object("p")));
        assert!(store.insert("dm/things/ab/parts", "q".into(), object("q")));
        store.set_single("dm/things/a/settings", object("s"));
        let ids: Vec<&Value> = store.items("dm/things").map(|(_, item)| &item["id"]).collect();
        assert_eq!(ids, ["b", "a"]);

        assert!(store.remove("dm/things", "a"));
        assert_eq!(store.len("dm/things/a/parts"), 0);
        assert!(store.single("dm/things/a/settings").is_none());
        assert_eq!(store.len("dm/things/ab/parts"), 1, "a sibling whose key starts the same stays");
        assert!(!store.remove("dm/things", "a"));
    }

    #[test]
    fn a_slash_in_a_key_stays_inside_its_own_address() {
        assert_eq!(item_address("dm/things", "a/b"), "dm/things/a%2Fb");
        assert_eq!(item_address("dm/things", "a"), "dm/things/a");
    }
}
