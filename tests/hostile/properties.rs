//! Property tests: heading slugs and partial dates, over generated input.

use dossier::markdown::scan;
use dossier::parse::date::{PartialDate, Precision, Timestamp};
use dossier::parse::slug::{heading_slug, UniqueIds};
use proptest::prelude::*;
use std::collections::HashSet;

fn date() -> impl Strategy<Value = PartialDate> {
    (
        0i32..=9999,
        prop::option::of(1u8..=12),
        any::<bool>(),
        1u8..=31,
    )
        .prop_map(|(year, month, with_day, day)| {
            let day = month
                .filter(|_| with_day)
                .map(|m| day.min(dossier::parse::date::days_in_month(year, m)));
            PartialDate { year, month, day }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// A slug is a safe anchor whatever the heading: never empty, no
    /// spaces, controls, quotes, `#`, `/`, `\`, `%` or other ASCII
    /// punctuation but single inner dashes; and slugging it again keeps it.
    #[test]
    fn slugs_are_safe_nonempty_anchors(text in any::<String>()) {
        let s = heading_slug(&text);
        prop_assert!(!s.is_empty());
        prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "{s:?}");
        for c in s.chars() {
            prop_assert!(!c.is_whitespace() && !c.is_control(), "{s:?}");
            prop_assert!(c == '-' || !c.is_ascii_punctuation(), "{s:?}");
            prop_assert!(!c.is_ascii_uppercase(), "{s:?}");
        }
        prop_assert_eq!(heading_slug(&s), s.clone(), "slugging is idempotent");
        prop_assert_eq!(heading_slug(&text), s, "and stable");
    }

    /// Headings made of different words get different slugs: only case,
    /// punctuation and spacing are folded.
    #[test]
    fn distinct_word_sequences_do_not_collide(
        a in prop::collection::vec("[a-z0-9]{1,8}|[α-ω]{1,6}|[а-я]{1,6}|[一-龥]{1,3}", 1..6),
        b in prop::collection::vec("[a-z0-9]{1,8}|[α-ω]{1,6}|[а-я]{1,6}|[一-龥]{1,3}", 1..6),
        sep in "[ ,.:;!?()]{1,3}",
    ) {
        prop_assume!(a != b);
        prop_assert_ne!(heading_slug(&a.join(&sep)), heading_slug(&b.join(" ")));
    }

    /// However the headings of a page collide, each gets its own id, and an
    /// explicit id that could not be kept is reported.
    #[test]
    fn heading_ids_on_a_page_are_unique_and_collisions_reported(
        headings in prop::collection::vec(
            ("[A-Za-z]{1,3}( [a-z]{1,2})?", prop::option::of("[a-c](-[0-9])?")), 1..20)
    ) {
        let body: String = headings
            .iter()
            .map(|(t, id)| match id {
                Some(id) => format!("## {t} {{#{id}}}\n\n"),
                None => format!("## {t}\n\n"),
            })
            .collect();
        let s = scan(&body);
        prop_assert_eq!(s.headings.len(), headings.len());
        let ids: HashSet<&str> = s.headings.iter().map(|h| h.id.as_str()).collect();
        prop_assert_eq!(ids.len(), headings.len(), "ids are unique: {:?}", s.headings);
        for (h, (text, explicit)) in s.headings.iter().zip(&headings) {
            match explicit {
                Some(want) if h.id != *want => prop_assert!(
                    s.duplicate_ids.iter().any(|d| d.wanted == *want && d.given == h.id),
                    "explicit `{want}` became `{}` silently", h.id
                ),
                Some(_) => {}
                None => prop_assert!(h.id.starts_with(&heading_slug(text))),
            }
        }
    }

    /// `UniqueIds` never hands out an id twice and keeps the base as prefix.
    #[test]
    fn unique_ids_never_repeat(bases in prop::collection::vec("[a-c]{1,2}(-[0-9])?", 0..40)) {
        let mut ids = UniqueIds::default();
        let mut given = HashSet::new();
        for b in &bases {
            let id = ids.claim(b.clone());
            prop_assert!(id.starts_with(b.as_str()));
            prop_assert!(given.insert(id));
        }
    }

    /// A date is shown at its precision and reads back as the same date.
    #[test]
    fn dates_round_trip_at_their_precision(d in date()) {
        let shown = d.to_string();
        let back = PartialDate::parse(&shown).unwrap();
        prop_assert_eq!(back, d);
        prop_assert_eq!(back.precision(), d.precision());
        let dashes = shown.matches('-').count();
        prop_assert_eq!(dashes, match d.precision() { Precision::Year => 0, Precision::Month => 1, Precision::Day => 2 });
    }

    /// Whatever text parses as a date is exactly that date's display: no
    /// padding to a false day, no other spelling accepted.
    #[test]
    fn parsed_text_is_the_display(s in "[ ]?[0-9]{1,5}(-[0-9]{1,3}){0,3}[ ]?|.{0,12}") {
        if let Ok(d) = PartialDate::parse(&s) {
            prop_assert_eq!(d.to_string(), s.trim());
        }
    }

    /// A less precise date sorts before every more precise date inside it.
    #[test]
    fn vaguer_dates_sort_first(d in date()) {
        let year = PartialDate { year: d.year, month: None, day: None };
        prop_assert!(year <= d);
        if let Some(m) = d.month {
            let month = PartialDate { year: d.year, month: Some(m), day: None };
            prop_assert!(month <= d);
        }
    }

    /// A timestamp's feed form is RFC 3339 and keeps the date.
    #[test]
    fn timestamps_give_rfc3339(
        d in date().prop_filter("full dates", |d| d.day.is_some()),
        time in prop::option::of((0u8..24, 0u8..60, prop::option::of(0u8..60), prop::option::of(prop_oneof![Just("Z".to_string()), (0u8..24, 0u8..60).prop_map(|(h, m)| format!("+{h:02}:{m:02}"))]))),
        sep in prop_oneof![Just('T'), Just(' ')],
    ) {
        let mut text = d.to_string();
        if let Some((h, m, s, zone)) = &time {
            text.push(sep);
            text.push_str(&format!("{h:02}:{m:02}"));
            if let Some(s) = s { text.push_str(&format!(":{s:02}")); }
            if let Some(z) = zone { text.push_str(z); }
        }
        let t = Timestamp::parse(&text).unwrap();
        prop_assert_eq!(t.date(), d.to_string());
        let rfc = t.rfc3339();
        let b = rfc.as_bytes();
        prop_assert!(rfc.len() >= 20 && b[10] == b'T' && b[13] == b':' && b[16] == b':', "{rfc}");
        prop_assert!(rfc.ends_with('Z') || rfc[19..].len() == 6, "{rfc}");
        prop_assert!(Timestamp::parse(&rfc).is_ok(), "{rfc}");
    }
}
