//! A claim's `related:` list naming the claim itself, or naming another
//! claim twice, was kept quietly: the claim's page linked to itself, or
//! showed the same related claim twice. Both are refused, located.

/// What is wrong with claim `id`'s `related` list: each entry refused,
/// with its place in the list and why (in list order; a repeat is
/// reported at its second mention).
pub(crate) fn problems<'a>(id: &str, related: &'a [String]) -> Vec<(usize, &'a str, &'static str)> {
    let mut out = Vec::new();
    for (i, r) in related.iter().enumerate() {
        if r == id {
            out.push((i, r.as_str(), "a claim is not related to itself"));
        } else if related[..i].contains(r) {
            out.push((i, r.as_str(), "it is listed twice"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn itself_and_repeats_are_refused() {
        let list: Vec<String> = ["a", "b", "a", "self"].map(String::from).to_vec();
        assert_eq!(
            super::problems("self", &list),
            vec![
                (2, "a", "it is listed twice"),
                (3, "self", "a claim is not related to itself")
            ]
        );
        assert!(super::problems("x", &list[..2]).is_empty());
    }
}
