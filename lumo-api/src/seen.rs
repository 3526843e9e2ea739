//! "Updated since your last visit" on the disputes page, as pure rules.
//!
//! The page keeps, per environment and company, a *mark* of every dispute as it last showed it:
//! its id, status and resolution ([`DisputeMarks`], stored as JSON under [`storage_key`]). When
//! the page shows a list again, each dispute is compared with its mark ([`diff`]): a dispute
//! whose status or resolution differs is [`SeenBadge::Updated`], one without a mark is
//! [`SeenBadge::New`], the others carry nothing. With no marks at all (the first visit ever, or
//! stored text that cannot be read) nothing is badged: that list is the baseline.
//!
//! One view of the page ([`SeenView`]) keeps the badges it computed for as long as it is shown,
//! adds those of every refresh while it stays open, and moves the marks to each list it shows,
//! so the next visit badges only what changed after that.
//!
//! The marks hold dispute ids and wire statuses only: no amounts, reasons or comments, never a
//! key.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::models::Dispute;

/// Every stored set of marks starts with this; the rest of the key is the session's scope.
pub const STORAGE_PREFIX: &str = "lumo.disputes-seen|";

/// The format written by [`DisputeMarks::to_json`]; anything else reads as no marks.
const VERSION: u64 = 1;

/// The Web Storage key of the marks of `scope` (`Session::scope`: API address and company id).
/// The prefix is fixed, so two scopes never share a key.
pub fn storage_key(scope: &str) -> String {
    format!("{STORAGE_PREFIX}{scope}")
}

/// What a dispute carries on the page since the last visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SeenBadge {
    /// Its status or resolution changed.
    Updated,
    /// It was not in the list last shown.
    New,
}

impl SeenBadge {
    /// A stable name for CSS classes and test hooks.
    pub fn as_str(self) -> &'static str {
        match self {
            SeenBadge::Updated => "updated",
            SeenBadge::New => "new",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Mark {
    status: String,
    resolution: Option<String>,
}

impl Mark {
    fn of(dispute: &Dispute) -> Mark {
        Mark {
            status: dispute.status.as_wire().to_string(),
            resolution: dispute.resolution.as_ref().map(|r| r.as_wire().to_string()),
        }
    }
}

/// The status and resolution of every dispute of a list, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisputeMarks {
    by_id: BTreeMap<String, Mark>,
}

impl DisputeMarks {
    /// The marks of a list as shown (a dispute listed twice keeps its last entry).
    pub fn of(disputes: &[Dispute]) -> DisputeMarks {
        DisputeMarks {
            by_id: disputes
                .iter()
                .map(|d| (d.id.clone(), Mark::of(d)))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// How `dispute` compares with its mark.
    pub fn badge(&self, dispute: &Dispute) -> Option<SeenBadge> {
        match self.by_id.get(&dispute.id) {
            None => Some(SeenBadge::New),
            Some(mark) if *mark != Mark::of(dispute) => Some(SeenBadge::Updated),
            Some(_) => None,
        }
    }

    /// `{"v":1,"d":{"<id>":["<status>","<resolution>"|null],…}}`.
    pub fn to_json(&self) -> String {
        let disputes: Map<String, Value> = self
            .by_id
            .iter()
            .map(|(id, mark)| {
                let resolution = mark
                    .resolution
                    .as_ref()
                    .map_or(Value::Null, |r| Value::String(r.clone()));
                (
                    id.clone(),
                    Value::Array(vec![Value::String(mark.status.clone()), resolution]),
                )
            })
            .collect();
        let mut root = Map::new();
        root.insert("v".into(), Value::from(VERSION));
        root.insert("d".into(), Value::Object(disputes));
        // Strings, null and a small integer: serialising cannot fail.
        serde_json::to_string(&Value::Object(root)).unwrap_or_default()
    }

    /// Read stored marks. Anything that is not exactly what [`DisputeMarks::to_json`] writes
    /// (another version, a hand edit, a truncated write, any other garbage) is `None`, all of
    /// it: a partly readable set would badge the unreadable disputes wrongly, while `None`
    /// only makes this visit a new baseline.
    pub fn from_json(text: &str) -> Option<DisputeMarks> {
        let root: Value = serde_json::from_str(text).ok()?;
        let root = root.as_object()?;
        if root.get("v")?.as_u64()? != VERSION {
            return None;
        }
        let mut by_id = BTreeMap::new();
        for (id, entry) in root.get("d")?.as_object()? {
            let [status, resolution] = entry.as_array()?.as_slice() else {
                return None;
            };
            let status = status.as_str()?.to_string();
            let resolution = match resolution {
                Value::Null => None,
                Value::String(r) => Some(r.clone()),
                _ => return None,
            };
            by_id.insert(id.clone(), Mark { status, resolution });
        }
        Some(DisputeMarks { by_id })
    }
}

/// The badges of a list against the previous marks (`None`: no marks yet, nothing badged).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeenDiff {
    badges: BTreeMap<String, SeenBadge>,
}

impl SeenDiff {
    pub fn get(&self, id: &str) -> Option<SeenBadge> {
        self.badges.get(id).copied()
    }

    /// Disputes with a badge (updated and new).
    pub fn count(&self) -> usize {
        self.badges.len()
    }

    pub fn count_of(&self, badge: SeenBadge) -> usize {
        self.badges.values().filter(|b| **b == badge).count()
    }
}

pub fn diff(previous: Option<&DisputeMarks>, current: &[Dispute]) -> SeenDiff {
    let Some(previous) = previous else {
        return SeenDiff::default();
    };
    SeenDiff {
        badges: current
            .iter()
            .filter_map(|d| previous.badge(d).map(|badge| (d.id.clone(), badge)))
            .collect(),
    }
}

/// One view of the disputes page: from the marks stored before it ([`SeenView::new`]) through
/// every list it shows ([`SeenView::show`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeenView {
    marks: Option<DisputeMarks>,
    badges: SeenDiff,
}

impl SeenView {
    /// A view starting from the stored marks (`None`: none stored, or unreadable).
    pub fn new(stored: Option<DisputeMarks>) -> SeenView {
        SeenView {
            marks: stored,
            badges: SeenDiff::default(),
        }
    }

    /// A list is shown (the first one of the view, or a refresh): what changed since the list
    /// shown before is badged too; badges already shown stay (a dispute new at the start of
    /// the view and updated since stays "New"), those of disputes no longer listed go. The
    /// marks move to this list. Returns whether they changed (i.e. are worth storing).
    pub fn show(&mut self, list: &[Dispute]) -> bool {
        let found = diff(self.marks.as_ref(), list);
        for (id, badge) in found.badges {
            self.badges.badges.entry(id).or_insert(badge);
        }
        let marks = DisputeMarks::of(list);
        self.badges
            .badges
            .retain(|id, _| marks.by_id.contains_key(id));
        let changed = self.marks.as_ref() != Some(&marks);
        self.marks = Some(marks);
        changed
    }

    /// The marks to store: the last list shown (`None` before the first).
    pub fn marks(&self) -> Option<&DisputeMarks> {
        self.marks.as_ref()
    }

    pub fn badge(&self, id: &str) -> Option<SeenBadge> {
        self.badges.get(id)
    }

    /// Listed disputes carrying a badge in this view.
    pub fn count(&self) -> usize {
        self.badges.count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{DisputeResolution, DisputeStatus};
    use chrono::{DateTime, Utc};

    fn dispute(id: &str, status: &str, resolution: Option<&str>) -> Dispute {
        let at = DateTime::parse_from_rfc3339("2026-11-24T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        Dispute {
            id: id.into(),
            order_id: format!("order-{id}"),
            status: DisputeStatus::from_wire(status),
            resolution: resolution.map(DisputeResolution::from_wire),
            reason: "r".into(),
            admin_comment: None,
            resolved_by: None,
            refund_amount: None,
            resolved_at: None,
            created_at: at,
            updated_at: at,
        }
    }

    fn seed() -> Vec<Dispute> {
        vec![
            dispute("a", "submitted", None),
            dispute("b", "in_review", None),
            dispute("c", "resolved", Some("refund")),
        ]
    }

    #[test]
    fn without_marks_nothing_is_badged() {
        let found = diff(None, &seed());
        assert_eq!(found.count(), 0);
        assert_eq!(found.get("a"), None);
    }

    #[test]
    fn a_changed_status_or_resolution_is_updated_an_unknown_id_new_the_rest_nothing() {
        let marks = DisputeMarks::of(&seed());
        let mut now = seed();
        now[0].status = DisputeStatus::InReview;
        now[2].resolution = Some(DisputeResolution::PartialRefund);
        now.insert(0, dispute("d", "submitted", None));
        // Other fields changing (a comment, the time) is no update.
        now[2].admin_comment = Some("later".into());
        let found = diff(Some(&marks), &now);
        assert_eq!(found.get("a"), Some(SeenBadge::Updated));
        assert_eq!(found.get("b"), None);
        assert_eq!(found.get("c"), Some(SeenBadge::Updated));
        assert_eq!(found.get("d"), Some(SeenBadge::New));
        assert_eq!(found.count(), 3);
        assert_eq!(found.count_of(SeenBadge::Updated), 2);
        assert_eq!(found.count_of(SeenBadge::New), 1);
        // A removed dispute is simply gone; unknown wire values compare as they came.
        let marks = DisputeMarks::of(&[dispute("x", "escalated", Some("goodwill"))]);
        assert_eq!(
            diff(Some(&marks), &[dispute("x", "escalated", Some("goodwill"))]).count(),
            0
        );
        assert_eq!(
            diff(Some(&marks), &[dispute("x", "escalated", Some("other"))]).get("x"),
            Some(SeenBadge::Updated)
        );
    }

    #[test]
    fn empty_marks_are_a_baseline_too_so_every_later_dispute_is_new() {
        let marks = DisputeMarks::of(&[]);
        assert!(marks.is_empty());
        let found = diff(Some(&marks), &seed());
        assert_eq!(found.count_of(SeenBadge::New), 3);
    }

    #[test]
    fn marks_round_trip_through_json() {
        let mut list = seed();
        list.push(dispute("quote\"and\\slash", "weird", Some("x\ny")));
        let marks = DisputeMarks::of(&list);
        let text = marks.to_json();
        assert_eq!(
            DisputeMarks::of(&[
                dispute("a", "resolved", Some("refund")),
                dispute("b", "submitted", None)
            ])
            .to_json(),
            r#"{"d":{"a":["resolved","refund"],"b":["submitted",null]},"v":1}"#
        );
        assert_eq!(DisputeMarks::from_json(&text), Some(marks.clone()));
        assert_eq!(marks.len(), 4);
        let empty = DisputeMarks::default();
        assert_eq!(DisputeMarks::from_json(&empty.to_json()), Some(empty));
        // Only ids and statuses are kept.
        assert!(!text.contains("order-a"));
    }

    #[test]
    fn garbage_in_storage_reads_as_no_marks() {
        for garbage in [
            "",
            "null",
            "[]",
            "{}",
            "42",
            "not json",
            "{\"v\":1}",
            "{\"v\":2,\"d\":{}}",
            "{\"v\":\"1\",\"d\":{}}",
            "{\"v\":1,\"d\":[]}",
            "{\"v\":1,\"d\":{\"a\":\"submitted\"}}",
            "{\"v\":1,\"d\":{\"a\":[\"submitted\"]}}",
            "{\"v\":1,\"d\":{\"a\":[\"submitted\",null,null]}}",
            "{\"v\":1,\"d\":{\"a\":[1,null]}}",
            "{\"v\":1,\"d\":{\"a\":[\"submitted\",7]}}",
            "{\"v\":1,\"d\":{\"a\":[\"submitted\",null],\"b\":{}}}",
            "{\"v\":1,\"d\":{\"a\":[\"submitted\",null]}",
            "\u{feff}{\"v\":1,\"d\":{}}",
        ] {
            assert_eq!(DisputeMarks::from_json(garbage), None, "{garbage:?}");
        }
        // None means a baseline: nothing badged.
        let stored = DisputeMarks::from_json("{\"v\":1,\"d\":{\"a\":1}}");
        let mut view = SeenView::new(stored);
        view.show(&seed());
        assert_eq!(view.count(), 0);
    }

    #[test]
    fn a_view_keeps_its_badges_adds_those_of_refreshes_and_moves_the_marks() {
        // First visit ever: baseline.
        let mut first = SeenView::new(None);
        assert!(first.show(&seed()));
        assert_eq!(first.count(), 0);
        let stored = first.marks().cloned();
        assert_eq!(stored, Some(DisputeMarks::of(&seed())));

        // Next visit: a changed and a new dispute.
        let mut list = seed();
        list[1].status = DisputeStatus::Resolved;
        list[1].resolution = Some(DisputeResolution::Confirm);
        list.insert(0, dispute("d", "submitted", None));
        let mut view = SeenView::new(stored);
        assert!(view.show(&list));
        assert_eq!(view.badge("b"), Some(SeenBadge::Updated));
        assert_eq!(view.badge("d"), Some(SeenBadge::New));
        assert_eq!(view.badge("a"), None);
        assert_eq!(view.count(), 2);
        assert_eq!(view.marks(), Some(&DisputeMarks::of(&list)));

        // The same list again (a refresh with no change): the badges stay, nothing to store.
        assert!(!view.show(&list));
        assert_eq!(view.count(), 2);

        // A refresh while the page stays open: a later change is badged the same way; the new
        // dispute changing again stays "New"; a dispute no longer listed loses its badge.
        list[0].status = DisputeStatus::InReview;
        list[1].status = DisputeStatus::InReview;
        list.retain(|d| d.id != "b");
        assert!(view.show(&list));
        assert_eq!(view.badge("d"), Some(SeenBadge::New));
        assert_eq!(view.badge("a"), Some(SeenBadge::Updated));
        assert_eq!(view.badge("b"), None);
        assert_eq!(view.count(), 2);

        // The visit after: only what changed after the last list shown.
        let mut later = SeenView::new(view.marks().cloned());
        later.show(&list);
        assert_eq!(later.count(), 0);
    }

    #[test]
    fn storage_keys_differ_by_scope() {
        let a = storage_key("http://127.0.0.1:8787|company-a");
        assert_eq!(a, "lumo.disputes-seen|http://127.0.0.1:8787|company-a");
        assert_ne!(a, storage_key("http://127.0.0.1:8787|company-b"));
        assert_ne!(a, storage_key("https://api.lumo.example|company-a"));
    }

    #[test]
    fn badges_have_their_wire_names() {
        assert_eq!(SeenBadge::New.as_str(), "new");
    }
}
