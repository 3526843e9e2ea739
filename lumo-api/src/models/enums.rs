//! Enums of the contract. Each keeps an `Unknown(String)` arm holding the raw value, so a value a
//! newer server adds still decodes and can be shown as it came.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant,)+
            /// A value this client does not know, kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// Every value the contract names, in its order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            pub fn as_wire(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown(raw) => raw.as_str(),
                }
            }

            pub fn from_wire(raw: &str) -> Self {
                match raw {
                    $($wire => $name::$variant,)+
                    other => $name::Unknown(other.to_string()),
                }
            }

            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_wire())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_wire())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(deserializer)?;
                Ok($name::from_wire(&raw))
            }
        }
    };
}

open_enum!(
    /// `created`, `in_progress`, `success`, `failed`, `disputed`.
    OrderStatus {
        Created => "created",
        InProgress => "in_progress",
        Success => "success",
        Failed => "failed",
        Disputed => "disputed",
    }
);

open_enum!(
    /// `submitted` and `in_review` are open; `resolved` and `rejected` are final.
    DisputeStatus {
        Submitted => "submitted",
        InReview => "in_review",
        Resolved => "resolved",
        Rejected => "rejected",
    }
);

open_enum!(
    DisputeResolution {
        Refund => "refund",
        Confirm => "confirm",
        PartialRefund => "partial_refund",
    }
);

open_enum!(
    DepositStatus {
        Pending => "pending",
        Confirmed => "confirmed",
        AmlFailed => "aml_failed",
    }
);

open_enum!(
    Currency {
        Usdt => "USDT",
        Trx => "TRX",
    }
);

impl OrderStatus {
    /// `success` and `failed` are the completed states, the only ones a dispute may be opened on.
    pub fn is_completed(&self) -> bool {
        matches!(self, OrderStatus::Success | OrderStatus::Failed)
    }
}

impl DisputeStatus {
    pub fn is_open(&self) -> bool {
        matches!(self, DisputeStatus::Submitted | DisputeStatus::InReview)
    }
}
