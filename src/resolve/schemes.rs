//! Which URL schemes a Markdown link or image may use. `javascript:` and
//! `vbscript:` run code when followed. `data:` puts a whole document in
//! the URL: as `text/html`, `image/svg+xml` or `application/xhtml+xml` it
//! can hold script, so the only `data:` URLs allowed are raster images
//! (PNG, JPEG, GIF, WebP, AVIF), which cannot. Everything else (http(s),
//! mailto:, tel:, dossier's own `page:`/`claim:` links, relative paths) is
//! left to the link checks.

/// The raster image types a `data:` URL may carry.
const RASTER: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/avif",
];

/// Why `dest` is refused, if it is: `(what it is, why)`. Case, inner
/// whitespace and control characters do not hide a scheme (browsers
/// ignore them); entities are decoded by the Markdown parser already.
pub(crate) fn refused(dest: &str) -> Option<(String, &'static str)> {
    let lowered: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    for scheme in ["javascript:", "vbscript:"] {
        if lowered.starts_with(scheme) {
            return Some((
                format!("the `{}` scheme", scheme.trim_end_matches(':')),
                "runs code when followed",
            ));
        }
    }
    let data = lowered.strip_prefix("data:")?;
    let media = data.split([';', ',']).next().unwrap_or("");
    if RASTER.contains(&media) {
        return None;
    }
    let media = if media.is_empty() {
        "text/plain"
    } else {
        media
    };
    Some((
        format!("a `data:{media}` URL"),
        "can hold script; only raster images (PNG, JPEG, GIF, WebP, AVIF) may be `data:` URLs",
    ))
}

#[cfg(test)]
mod tests {
    use super::refused;

    #[test]
    fn code_and_documents_are_refused_raster_images_are_not() {
        for bad in [
            "javascript:alert(1)",
            " JaVa\tScript:alert(1)",
            "vbscript:x",
            "data:text/html,<script>",
            "DATA:image/svg+xml;base64,PHN2Zz4=",
            "data:application/xhtml+xml,<x/>",
            "data:,hello",
        ] {
            assert!(refused(bad).is_some(), "{bad}");
        }
        for good in [
            "data:image/png;base64,iVBOR",
            "DATA:image/JPEG;base64,/9j/",
            "https://x.org/",
            "mailto:a@b",
            "page:chips",
            "img/a.svg",
        ] {
            assert_eq!(refused(good), None, "{good}");
        }
        assert_eq!(
            refused("data:image/svg+xml,<svg/>").unwrap().0,
            "a `data:image/svg+xml` URL"
        );
    }
}
