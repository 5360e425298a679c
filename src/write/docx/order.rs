//! Puts property elements in schema order. ECMA-376 defines `w:pPr`, `w:rPr` and `w:sectPr` as
//! sequences; docx-rs 0.4.22 writes `w:rPr` first in `w:pPr`, `w:keepNext` last, and header
//! references after the page size. LibreOffice does not mind; desktop Word repairs such files
//! silently, Word for the web opens them read-only as corrupt, and validators reject them.
//!
//! Tags are found byte by byte in this file: `str::find` sets up a vectorized search for each of
//! a part's tens of thousands of tags, a few bytes apart, and took 1 M instructions a role.

/// `w:pPr` children (CT_PPr).
const PARAGRAPH: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// `w:rPr` children (CT_RPr).
const RUN: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
];

/// `w:tcPr` children (CT_TcPr): docx-rs writes the cell margins after the vertical alignment.
const CELL: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
];

/// `w:sectPr` children (CT_SectPr).
const SECTION: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

/// A container whose children are put in order: name, closing tag, the children's order.
type Container = (&'static str, &'static str, &'static [&'static str]);

/// The containers whose children are put in order.
const CONTAINERS: [Container; 4] = [
    ("w:pPr", "</w:pPr>", PARAGRAPH),
    ("w:rPr", "</w:rPr>", RUN),
    ("w:tcPr", "</w:tcPr>", CELL),
    ("w:sectPr", "</w:sectPr>", SECTION),
];

/// `xml` (a part docx-rs wrote) with the children of every `w:pPr`, `w:rPr`, `w:tcPr` and
/// `w:sectPr` in schema order. Children the table does not know keep their order, at the end.
pub fn schema_order(xml: &str) -> Result<String, String> {
    let mut out = String::with_capacity(xml.len());
    reorder(xml, &mut out)?;
    Ok(out)
}

/// Appends `xml` to `out` with the children of every non-empty container in order, containers
/// inside them too: one pass over the part (a pass for each container took twice the
/// instructions of deflating the part).
fn reorder(xml: &str, out: &mut String) -> Result<(), String> {
    let mut rest = xml;
    while let Some((at, (container, close, order))) = find_open(rest) {
        let (before, tail) = rest.split_at(at);
        out.push_str(before);
        // The opening tag, with whatever attributes it has.
        let tag_end = tail
            .bytes()
            .position(|b| b == b'>')
            .ok_or_else(|| format!("an unclosed <{container}> tag"))?;
        let (tag, body) = tail.split_at(tag_end + 1);
        out.push_str(tag);
        let (children, after) = split_children(body, close)
            .ok_or_else(|| format!("cannot read the children of <{container}>"))?;
        let mut children: Vec<(usize, &str)> =
            children.into_iter().map(|c| (rank(c, order), c)).collect();
        // Stable: equal ranks (repeated or unknown elements) keep their order.
        children.sort_by_key(|(r, _)| *r);
        // a child is ordered in turn: a container inside a container, of its own kind too (the
        // `w:pPr` a `w:pPrChange` holds), is a sequence of the same schema
        for (_, c) in children {
            reorder(c, out)?;
        }
        out.push_str(close);
        rest = after;
    }
    out.push_str(rest);
    Ok(())
}

/// The next `<container>` or `<container …>` of [`CONTAINERS`] that is not self-closing, and
/// which container it opens.
fn find_open(xml: &str) -> Option<(usize, Container)> {
    let mut from = 0;
    while let Some(i) = xml[from..].bytes().position(|b| b == b'<') {
        let at = from + i;
        let name = &xml[at + 1..];
        if let Some(&found) = CONTAINERS.iter().find(|(c, _, _)| {
            name.starts_with(c) && matches!(name.as_bytes().get(c.len()), Some(b'>' | b' '))
        }) {
            let tag_end = xml[at..].bytes().position(|b| b == b'>')? + at;
            if !xml[..tag_end].ends_with('/') {
                return Some((at, found));
            }
        }
        from = at + 1;
    }
    None
}

/// The top-level child elements of `body` up to `close`, and what follows `close`.
fn split_children<'a>(body: &'a str, close: &str) -> Option<(Vec<&'a str>, &'a str)> {
    let mut children = Vec::new();
    let mut pos = 0;
    loop {
        let rest = &body[pos..];
        let start = rest.bytes().position(|b| b == b'<')? + pos;
        if body[start..].starts_with(close) {
            return Some((children, &body[start + close.len()..]));
        }
        // One child: tags until the depth returns to zero.
        let mut depth = 0usize;
        let mut at = start;
        loop {
            let tag_start = body[at..].bytes().position(|b| b == b'<')? + at;
            let tag_end = body[tag_start..].bytes().position(|b| b == b'>')? + tag_start;
            let tag = &body[tag_start..=tag_end];
            if tag.starts_with("</") {
                depth = depth.checked_sub(1)?;
            } else if !tag.ends_with("/>") {
                depth += 1;
            }
            at = tag_end + 1;
            if depth == 0 {
                break;
            }
        }
        children.push(&body[start..at]);
        pos = at;
    }
}

fn rank(child: &str, order: &[&str]) -> usize {
    let name_end = child[1..]
        .find([' ', '/', '>'])
        .map_or(child.len(), |i| i + 1);
    let name = &child[1..name_end];
    order.iter().position(|n| *n == name).unwrap_or(order.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn puts_paragraph_properties_in_schema_order() {
        let xml = "<w:p><w:pPr><w:rPr /><w:pStyle w:val=\"Heading1\" /><w:keepNext />\
                   <w:pageBreakBefore /></w:pPr><w:r><w:rPr><w:i /><w:b /></w:rPr>\
                   <w:t>x</w:t></w:r></w:p>";
        assert_eq!(
            schema_order(xml).unwrap(),
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\" /><w:keepNext /><w:pageBreakBefore />\
             <w:rPr /></w:pPr><w:r><w:rPr><w:b /><w:i /></w:rPr><w:t>x</w:t></w:r></w:p>"
        );
    }

    #[test]
    fn orders_containers_inside_containers() {
        let xml = "<w:pPr><w:rPr><w:i /><w:b /></w:rPr><w:pStyle w:val=\"A\" /></w:pPr>";
        assert_eq!(
            schema_order(xml).unwrap(),
            "<w:pPr><w:pStyle w:val=\"A\" /><w:rPr><w:b /><w:i /></w:rPr></w:pPr>"
        );
    }

    #[test]
    fn puts_header_references_first_in_sections() {
        let xml = "<w:sectPr><w:pgSz w:w=\"1\" /><w:cols><w:col /></w:cols>\
                   <w:headerReference w:type=\"default\" /><w:titlePg /></w:sectPr>";
        assert_eq!(
            schema_order(xml).unwrap(),
            "<w:sectPr><w:headerReference w:type=\"default\" /><w:pgSz w:w=\"1\" />\
             <w:cols><w:col /></w:cols><w:titlePg /></w:sectPr>"
        );
    }

    #[test]
    fn puts_cell_margins_before_the_vertical_alignment() {
        let xml = "<w:tcPr><w:tcW w:w=\"1\" /><w:vAlign w:val=\"bottom\" />\
                   <w:tcMar><w:right w:w=\"170\" /></w:tcMar></w:tcPr>";
        assert_eq!(
            schema_order(xml).unwrap(),
            "<w:tcPr><w:tcW w:w=\"1\" /><w:tcMar><w:right w:w=\"170\" /></w:tcMar>\
             <w:vAlign w:val=\"bottom\" /></w:tcPr>"
        );
    }

    #[test]
    fn leaves_empty_and_unknown_elements() {
        let xml = "<w:pPr /><w:pPrX><w:a/></w:pPrX><w:rPr><w:zz /><w:b /></w:rPr>";
        assert_eq!(
            schema_order(xml).unwrap(),
            "<w:pPr /><w:pPrX><w:a/></w:pPrX><w:rPr><w:b /><w:zz /></w:rPr>"
        );
        assert!(schema_order("<w:pPr><w:b>").is_err());
    }
}
