//! Serde glue for "absent / null / value" fields of a partial update.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub fn serialize<S, T>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize,
{
    match value {
        // Absent fields are skipped by `skip_serializing_if`; this arm is only a fallback.
        None => serializer.serialize_none(),
        Some(inner) => inner.serialize(serializer),
    }
}

pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    // Called only when the field is present: `null` becomes `Some(None)`.
    Option::<T>::deserialize(deserializer).map(Some)
}
