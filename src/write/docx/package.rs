//! What docx-rs cannot do, done on its output: our own style sheet and core properties, the
//! `w:tblHeader` mark on table header rows, and a deflated zip with fixed dates and a fixed entry
//! order (docx-rs stores entries uncompressed: ~60 KB instead of ~15 KB).

use docx_rs::{Paragraph, ParagraphChild, XMLDocx};

use super::archive;
use super::order::schema_order;
use crate::write::Meta;
use crate::write::page::{BlockStyle, Keep, Lines, Page};

/// Paragraph and table style ids, as paragraphs name them.
pub mod style {
    /// Body text: justified, 1.25 cm first-line indent.
    pub const NORMAL: &str = "Normal";
    /// «ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ» and the title: centred, bold.
    pub const TITLE: &str = "Title";
    /// Section headings (`##`): centred, bold, kept with the next paragraph.
    pub const HEADING_1: &str = "Heading1";
    /// Sub-headings (`###`): bold, indented like a paragraph.
    pub const HEADING_2: &str = "Heading2";
    /// Requisites at the top left: single-spaced, no indent.
    pub const REQUISITES: &str = "Requisites";
    /// Requisites under the title (date, number, place): centred.
    pub const REQUISITES_CENTERED: &str = "RequisitesCentered";
    /// The гриф: the right half of the page, lines left-aligned.
    pub const STAMP: &str = "Stamp";
    /// Lines with blanks to sign: left-aligned, no indent.
    pub const SIGNATURE: &str = "Signature";
    /// Dash lists, by nesting depth.
    pub const LIST: [&str; 3] = ["ListDash", "ListDash2", "ListDash3"];
    /// The table style: single borders.
    pub const TABLE: &str = "TableGrid";
    /// The table of signature lines: no borders, no cell margins.
    pub const SIGNATURE_TABLE: &str = "SignatureTable";
    /// The table of parallel text: Word's plain table (no borders), its cell margins set by
    /// each cell.
    pub const PARALLEL_TABLE: &str = "TableNormal";
    /// Table header cells: centred, bold.
    pub const TABLE_HEADING: &str = "TableHeading";
    /// Table body cells: centred.
    pub const TABLE_TEXT: &str = "TableText";
    /// A paragraph introducing a table: centred, space after.
    pub const CAPTION: &str = "TableCaption";
    /// The page-number header.
    pub const HEADER: &str = "Header";
}

/// Packs docx-rs's parts with ours into DOCX bytes; `tables` are the styles of the document's
/// tables, in order.
pub fn pack(mut xml: XMLDocx, meta: &Meta, tables: &[&str]) -> Result<Vec<u8>, String> {
    xml.styles = styles_xml(meta.font_size, &meta.language, meta.page).into_bytes();
    xml.doc_props.core = core_xml(meta).into_bytes();
    xml.settings = settings_xml(meta.page).into_bytes();
    let mut document = utf8(std::mem::take(&mut xml.document))?;
    if let Some(second) = &meta.second {
        document = second_language(&document, &second.tag);
    }
    let document = schema_order(&document)?;
    xml.document = finish_tables(&document, tables)?.into_bytes();
    for header in &mut xml.headers {
        *header = schema_order(&utf8(std::mem::take(header))?)?.into_bytes();
    }
    zip_parts(xml).map_err(|e| format!("cannot pack the DOCX: {e}"))
}

/// What marks a run of the second language until [`second_language`] declares it: a character
/// style no style sheet has.
const SECOND_LANGUAGE: &str = "jobdoc-second-language";

/// `p` with each of its runs marked as text of the document's second language. docx-rs 0.4.22
/// cannot set a run's language (`w:lang`), but writes a run's style: the mark is that, replaced
/// in the package by [`second_language`].
pub fn mark_second_language(mut p: Paragraph) -> Paragraph {
    for child in &mut p.children {
        if let ParagraphChild::Run(run) = child {
            run.run_property = std::mem::take(&mut run.run_property).style(SECOND_LANGUAGE);
        }
    }
    p
}

/// `document` with every run marked by [`mark_second_language`] declaring the language `tag`
/// (`w:lang`, which Word and LibreOffice spell-check and hyphenate it by) instead of the mark;
/// [`schema_order`] then moves it to its place among the run's properties.
pub fn second_language(document: &str, tag: &str) -> String {
    document.replace(
        &format!("<w:rStyle w:val=\"{SECOND_LANGUAGE}\" />"),
        &format!("<w:lang w:val=\"{}\" />", escape(tag)),
    )
}

fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| format!("docx-rs wrote invalid UTF-8: {e}"))
}

/// Finishes every table where docx-rs cannot: its style (`tables`, in document order) goes
/// first in `w:tblPr`, where the schema wants it (docx-rs writes it after the borders), and the
/// first row of a grid table gets `<w:tblHeader/>`, so it repeats on every page (docx-rs 0.4.22
/// has no API for it; the writer gives every row a `w:trPr` with `w:cantSplit`).
pub fn finish_tables(document: &str, tables: &[&str]) -> Result<String, String> {
    const TABLE: &str = "<w:tbl><w:tblPr>";
    const ROW_PROPS: &str = "<w:trPr>";
    let mut out = String::with_capacity(document.len() + 64);
    let mut rest = document;
    let mut styles = tables.iter();
    while let Some(at) = rest.find(TABLE) {
        let (before, table) = rest.split_at(at + TABLE.len());
        out.push_str(before);
        let name = styles
            .next()
            .ok_or("more tables than the writer made: cannot style them")?;
        out.push_str(&format!("<w:tblStyle w:val=\"{name}\" />"));
        rest = table;
        if *name == style::TABLE {
            let props = table
                .find(ROW_PROPS)
                .ok_or("a table row without w:trPr: cannot mark the header row")?;
            let (before, after) = table.split_at(props + ROW_PROPS.len());
            out.push_str(before);
            out.push_str("<w:tblHeader />");
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(strip_grid_col_types(&out))
}

/// CT_TblGridCol has only `w:w`; docx-rs adds a `w:type` that validators reject.
fn strip_grid_col_types(xml: &str) -> String {
    const COL: &str = "<w:gridCol ";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(COL) {
        let (before, tail) = rest.split_at(at);
        out.push_str(before);
        let end = tail.find("/>").map_or(tail.len(), |e| e + 2);
        out.push_str(&tail[..end].replace(" w:type=\"dxa\"", ""));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The settings: docx-rs writes its own in an order Word for the web rejects and has no
/// hyphenation setting. Body text is hyphenated (justified Russian text without it gets wide
/// gaps), words in capitals are not; the default tab stop is `page`'s paragraph indent (1.25 cm).
///
/// Hyphenation follows the PDF's rules as far as the format carries them: at most
/// [`Hyphenation::consecutive`](crate::write::page::Hyphenation::consecutive) hyphenated lines in
/// a row (`w:consecutiveHyphenLimit`) and its zone (`w:hyphenationZone`: Word assumes 0.25 in
/// without it, LibreOffice none). What they cannot be told: Word has no setting that leaves a
/// paragraph's last word whole or the line before the last free of hyphens, so in the DOCX a
/// last line can start with (or be) the rest of a hyphenated word, which the PDF never sets;
/// LibreOffice has one for the last word («Don't hyphenate the last word», a paragraph
/// option since 7.4) but no DOCX element carries it. LibreOffice 7.4 reads the zone from a DOCX
/// but not the limit (measured: four hyphenated lines in a row with it); newer versions read
/// both.
pub fn settings_xml(page: &Page) -> String {
    let indent = page.indent.to_twips();
    let rules = page.hyphenation;
    let (limit, zone) = (rules.consecutive, rules.zone.to_twips());
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"{indent}\"/>\
         <w:autoHyphenation/><w:consecutiveHyphenLimit w:val=\"{limit}\"/>\
         <w:hyphenationZone w:val=\"{zone}\"/><w:doNotHyphenateCaps/>\
         <w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         </w:settings>"
    )
}

/// The core properties (`docProps/core.xml`): docx-rs has no public setter for title, subject,
/// creator or language, and would write 1970 dates. Dates come from the inputs only.
pub fn core_xml(meta: &Meta) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
    );
    let mut element = |name: &str, value: &str| {
        xml.push_str(&format!("<{name}>{}</{name}>", escape(value)));
    };
    element("dc:title", &meta.title);
    element("dc:subject", &meta.subject);
    element("dc:creator", &meta.author);
    element("cp:lastModifiedBy", &meta.author);
    element("dc:language", &meta.language);
    element("cp:revision", "1");
    if let Some(date) = meta.created {
        let stamp = format!("{}T00:00:00Z", date.iso());
        for name in ["dcterms:created", "dcterms:modified"] {
            xml.push_str(&format!(
                "<{name} xsi:type=\"dcterms:W3CDTF\">{stamp}</{name}>"
            ));
        }
    }
    xml.push_str("</cp:coreProperties>");
    xml
}

/// `s` with the characters XML (and HTML) reserve written as entities.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The style sheet. Word's built-in names (Normal, Title, heading 1, heading 2, header, Table
/// Grid) so Word and pandoc recognise them; our own for requisites, the гриф, signatures and
/// dash lists. Every size follows `font_size` (points), every indent and space `page`; the text
/// is in `language` (spelling, hyphenation).
pub fn styles_xml(font_size: u32, language: &str, page: &Page) -> String {
    let language = escape(language);
    let sz = font_size * 2;
    let font = "Times New Roman";
    let blocks = &page.blocks;
    let indent = page.indent.to_twips();
    let step = page.list_step.to_twips();
    let list = |id: &str, name: &str, depth: u32| {
        let left = indent + step * depth;
        paragraph_style(
            id,
            name,
            "Normal",
            &format!(
                "<w:tabs><w:tab w:val=\"left\" w:pos=\"{left}\"/></w:tabs>\
                 <w:ind w:left=\"{left}\" w:hanging=\"{step}\"/>"
            ),
            "",
        )
    };
    let body_line = page.body_line.to_240ths();
    // The font is in the document defaults and, for tools that read only styles (python-docx),
    // in Normal as well.
    let fonts = format!(
        "<w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:eastAsia=\"{font}\" \
         w:cs=\"{font}\"/><w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/></w:rPr>"
    );
    let body_keep = keep(blocks.body.keep);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:eastAsia=\"{font}\" w:cs=\"{font}\"/>\
         <w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/>\
         <w:lang w:val=\"{language}\"/>\
         </w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
         </w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>\
         <w:qFormat/><w:pPr>{body_keep}\
         <w:spacing w:after=\"0\" w:line=\"{body_line}\" w:lineRule=\"auto\"/>\
         <w:ind w:firstLine=\"{indent}\"/><w:jc w:val=\"both\"/></w:pPr>{fonts}</w:style>\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">\
         <w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>\
         <w:unhideWhenUsed/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">\
         <w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>\
         <w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>\
         <w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr></w:style>\
         <w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\">\
         <w:name w:val=\"No List\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>\
         <w:unhideWhenUsed/></w:style>"
    );
    let single = "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>";
    let bold = "<w:b/><w:bCs/>";
    // Body text is hyphenated (w:autoHyphenation in settings); headings, requisites and
    // signatures are not, as in the PDF.
    let no_hyphens = "<w:suppressAutoHyphens/>";
    let stamp_indent = page.stamp_indent().to_twips();
    let table_heading = if page.table.header_with_next {
        "<w:keepNext/>"
    } else {
        ""
    };
    for style in [
        paragraph_style(
            "Title",
            "Title",
            "Normal",
            &format!(
                "{}{no_hyphens}{}<w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
                keep(blocks.title.keep),
                spacing(&blocks.title, Some(240)),
            ),
            bold,
        ),
        paragraph_style(
            "Heading1",
            "heading 1",
            "Normal",
            &format!(
                "{}{no_hyphens}{}<w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>\
                 <w:outlineLvl w:val=\"0\"/>",
                keep(blocks.heading.keep),
                spacing(&blocks.heading, Some(240)),
            ),
            bold,
        ),
        paragraph_style(
            "Heading2",
            "heading 2",
            "Normal",
            &format!(
                "{}{no_hyphens}{}<w:outlineLvl w:val=\"1\"/>",
                keep(blocks.subheading.keep),
                spacing(&blocks.subheading, None),
            ),
            bold,
        ),
        paragraph_style(
            "Requisites",
            "Requisites",
            "Normal",
            &format!(
                "{}{no_hyphens}{}<w:ind w:firstLine=\"0\"/><w:jc w:val=\"left\"/>",
                keep(blocks.requisites.keep),
                spacing(&blocks.requisites, Some(240)),
            ),
            "",
        ),
        paragraph_style(
            "RequisitesCentered",
            "Requisites Centered",
            "Requisites",
            &format!(
                "{}{}<w:jc w:val=\"center\"/>",
                keep(blocks.requisites_centered.keep),
                spacing(&blocks.requisites_centered, None),
            ),
            "",
        ),
        paragraph_style(
            "Stamp",
            "Stamp",
            "Requisites",
            &format!(
                "{}{}<w:ind w:left=\"{stamp_indent}\" w:firstLine=\"0\"/>",
                keep(blocks.stamp.keep),
                spacing(&blocks.stamp, None),
            ),
            "",
        ),
        paragraph_style(
            "Signature",
            "Signature",
            "Normal",
            &format!(
                "{}{no_hyphens}{}<w:ind w:firstLine=\"0\"/><w:jc w:val=\"left\"/>",
                keep(blocks.signature.keep),
                spacing(&blocks.signature, None),
            ),
            "",
        ),
        list("ListDash", "List Dash", 1),
        list("ListDash2", "List Dash 2", 2),
        list("ListDash3", "List Dash 3", 3),
        paragraph_style(
            "TableText",
            "Table Text",
            "Normal",
            &format!("{no_hyphens}{single}<w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>"),
            "",
        ),
        paragraph_style(
            "TableHeading",
            "Table Heading",
            "TableText",
            table_heading,
            bold,
        ),
        paragraph_style(
            "TableCaption",
            "Table Caption",
            "Normal",
            &format!(
                "{}{no_hyphens}{}<w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
                keep(blocks.caption.keep),
                spacing(&blocks.caption, None),
            ),
            "",
        ),
        paragraph_style(
            "Header",
            "header",
            "Normal",
            &format!("{no_hyphens}{single}<w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>"),
            "",
        ),
    ] {
        xml.push_str(&style);
    }
    let table = page.table;
    let rule = table.rule.to_eighth_points();
    let border = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"{rule}\" w:space=\"0\" w:color=\"000000\"/>")
    };
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    let (pad_x, pad_y) = (table.padding_x.to_twips(), table.padding_y.to_twips());
    xml.push_str(&format!(
        "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>\
         <w:basedOn w:val=\"TableNormal\"/><w:qFormat/>\
         <w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/></w:pPr>\
         <w:tblPr><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar>\
         <w:top w:w=\"{pad_y}\" w:type=\"dxa\"/><w:left w:w=\"{pad_x}\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"{pad_y}\" w:type=\"dxa\"/><w:right w:w=\"{pad_x}\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr></w:style>"
    ));
    // Signature lines: no borders, no cell margins (the gaps are the cells' own).
    xml.push_str(&format!(
        "<w:style w:type=\"table\" w:styleId=\"{}\"><w:name w:val=\"Signature Table\"/>\
         <w:basedOn w:val=\"TableNormal\"/><w:qFormat/><w:tblPr><w:tblCellMar>\
         <w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"0\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr></w:style>",
        style::SIGNATURE_TABLE
    ));
    xml.push_str("</w:styles>");
    xml
}

fn paragraph_style(id: &str, name: &str, based_on: &str, ppr: &str, rpr: &str) -> String {
    let rpr = if rpr.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{rpr}</w:rPr>")
    };
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
         <w:basedOn w:val=\"{based_on}\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr>{ppr}</w:pPr>{rpr}</w:style>"
    )
}

/// The keep rules of a style: `w:keepNext`, then `w:keepLines` or, for body text, Word's widow
/// control (a short block inherits it from Normal).
fn keep(keep: Keep) -> String {
    let next = if keep.with_next { "<w:keepNext/>" } else { "" };
    let lines = match keep.lines {
        Lines::Free => "<w:widowControl/>",
        Lines::Short => "",
        Lines::Whole => "<w:keepLines/>",
    };
    format!("{next}{lines}")
}

/// `w:spacing` with the style's space before and after (each left out when there is none) and,
/// when given, the line spacing in 240ths of a line.
fn spacing(style: &BlockStyle, line: Option<u32>) -> String {
    let mut xml = String::from("<w:spacing");
    for (name, length) in [("before", style.before), ("after", style.after)] {
        if !length.is_zero() {
            xml.push_str(&format!(" w:{name}=\"{}\"", length.to_twips()));
        }
    }
    if let Some(line) = line {
        xml.push_str(&format!(" w:line=\"{line}\" w:lineRule=\"auto\""));
    }
    xml.push_str("/>");
    xml
}

/// The package as a zip, in docx-rs's order with `[Content_Types].xml` first.
fn zip_parts(xml: XMLDocx) -> Result<Vec<u8>, String> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), xml.document),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    for (i, header) in xml.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), header));
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
        }
    }
    for (i, footer) in xml.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), footer));
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.clone()));
        }
    }
    // the parts docx-rs and the page make alike for every document: packed once
    let own = ["docProps/core.xml", "word/document.xml"];
    let parts: Vec<(&str, &[u8], bool)> = parts
        .iter()
        .map(|(name, bytes)| {
            (
                name.as_str(),
                bytes.as_slice(),
                !own.contains(&name.as_str()),
            )
        })
        .collect();
    archive::write(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_first_row_of_every_table() {
        let xml = "<w:tbl><w:tblPr></w:tblPr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr>\
                   <w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>\
                   <w:tbl><w:tblPr></w:tblPr><w:tr><w:trPr>";
        let out = finish_tables(xml, &[style::TABLE, style::TABLE]).unwrap();
        assert_eq!(out.matches("<w:tblHeader />").count(), 2);
        assert_eq!(
            out.matches(r#"<w:tblStyle w:val="TableGrid" />"#).count(),
            2
        );
        assert!(out.starts_with(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\" /></w:tblPr>\
             <w:tr><w:trPr><w:tblHeader /><w:cantSplit />"
        ));
        assert!(finish_tables("<w:tbl><w:tblPr><w:tr></w:tr></w:tbl>", &[style::TABLE]).is_err());
        assert!(
            finish_tables(xml, &[style::TABLE]).is_err(),
            "a table without a style"
        );
    }

    #[test]
    fn escapes_core_properties() {
        let meta = Meta {
            title: "A & <B>".into(),
            subject: "S".into(),
            author: "ООО «Рога & копыта»".into(),
            language: "ru-RU".into(),
            created: None,
            font_size: 14,
            hyphenation: crate::locale::RU.hyphenation,
            number_column: crate::locale::RU.number_column,
            page: &crate::write::page::PAGE,
            second: None,
        };
        let xml = core_xml(&meta);
        assert!(xml.contains("<dc:title>A &amp; &lt;B&gt;</dc:title>"));
        assert!(!xml.contains("dcterms:created"));
    }
}
