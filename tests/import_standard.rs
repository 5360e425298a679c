//! `jobdoc import FILE.xml --function CODE`: a professional standard into a role that builds,
//! each provision with its labour function, the appendix printed; the traps of real files
//! (one element or a list, Windows-1251, HTML entities, swapped knowledge and skills) handled
//! and reported at their lines; bad input refused with its place.

mod common;

use common::{Run, Scratch, repo};

/// The fixture `name` of `tests/fixtures/import/pstd/`.
fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures/import/pstd")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Imports `args` (the fixture first) into a scratch project as role `id`, validates and builds
/// it; the import's run, the role file and the built Markdown (its typography's non-breaking
/// spaces as spaces, to compare with the standard's words).
fn import_and_build(s: &Scratch, args: &[&str], id: &str) -> (Run, String, String) {
    let mut all = vec!["import"];
    all.extend(args);
    all.extend(["--id", id]);
    let run = s.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let role = format!("roles/{id}.yaml");
    let validate = s.run(&["validate", &role]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    let build = s.run(&["build", id]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let yaml = std::fs::read_to_string(s.roles().join(format!("{id}.yaml"))).unwrap();
    let md = std::fs::read_to_string(s.path().join(format!("out/{id}.md")))
        .unwrap()
        .replace(['\u{a0}', '\u{202f}'], " ");
    (run, yaml, md)
}

#[test]
fn a_standard_imports_into_a_role_with_origins_and_the_appendix() {
    let s = Scratch::new();
    s.without_hr_files();
    let file = fixture("sales.xml");
    let (run, yaml, md) = import_and_build(&s, &[&file, "--function", "A/01.5,A/02.5"], "sales");
    // the standard and each provision's function are in the role file
    assert!(yaml.contains("professional_standard:\n  name: Специалист по продажам\n  registration_number: \"1234\"\n  code: \"08.999\"\n"), "{yaml}");
    assert!(
        yaml.contains("  - text: основы делового общения\n    origin: [A/01.5, A/02.5]\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("  - standard: qualification\n    origin: [A]\n"),
        "{yaml}"
    );
    // the other possible title is offered in the file and in the report
    assert!(
        yaml.contains("# The standard's other possible job titles: Специалист по продажам\n"),
        "{yaml}"
    );
    run.says("sales.xml:22: placed: the title `Менеджер по продажам`: the first of the standard's 2 possible job titles; the others, to choose from (also in the role file's comment): `Специалист по продажам`");
    // the requirements word for word, HTML entities decoded
    assert!(md.contains("1.2. На должность менеджера по продажам назначается лицо, отвечающее требованиям профессионального стандарта «Специалист по продажам»: образование и обучение — среднее профессиональное образование — программы подготовки специалистов среднего звена; высшее образование – бакалавриат; опыт практической работы — не менее одного года в области продаж.\n"), "{md}");
    assert!(
        md.contains("по каналам «холодных» и «тёплых» контактов"),
        "{md}"
    );
    assert!(md.contains("Сопровождение сделки «под ключ»"), "{md}");
    run.says("sales.xml:44: placed: HTML entities `&laquo;`, `&raquo;` decoded");
    run.says("sales.xml:66: oddity: HTML entities `&laquo;`, `&raquo;` escaped as text (`&amp;…;`): decoded");
    // a function not asked for reports nothing
    assert!(!run.stderr.contains("sales.xml:87:"), "{}", run.stderr);
    run.says("sales.xml:1: placed: HTML entities decoded on 5 line(s)");
    // knowledge and skills as lists of section 1
    assert!(md.contains("1.3. Менеджер по продажам должен знать:\n\n- ассортимент товаров и услуг организации;\n"), "{md}");
    assert!(
        md.contains("1.4. Менеджер по продажам должен уметь:\n\n- выявлять потребности клиента;\n"),
        "{md}"
    );
    // the appendix, before the page break: part of the approved text
    let body = md.split("\n---").next().unwrap();
    assert!(body.contains("## Приложение. Соответствие профессиональному стандарту\n\nПрофессиональный стандарт «Специалист по продажам», код 08.999, регистрационный номер 1234.\n\n- A «Продажа товаров и услуг клиентам организации», уровень квалификации 5: пункт 1.2;\n- A/01.5 «Поиск и привлечение клиентов», уровень квалификации 5: пункты 1.3, 1.4, 2.1, 2.2, 2.3;\n- A/02.5 «Заключение и сопровождение договоров», уровень квалификации 5: пункты 1.3, 1.4, 2.4, 2.5, 2.6.\n"), "{md}");
    // a translation translates the texts, not the codes nor the Russian standard
    let translate = s.run(&["translate", "sales", "en"]);
    assert_eq!(translate.code, 0, "{}", translate.stderr);
    let en = std::fs::read_to_string(s.roles().join("sales.en.yaml")).unwrap();
    assert!(
        !en.contains("/origin/") && !en.contains("\"/professional_standard"),
        "{en}"
    );
    // a generalized function's code takes all of its functions: the same role
    let again = Scratch::new();
    again.without_hr_files();
    let (_, whole, _) = import_and_build(&again, &[&file, "--function", "A"], "sales");
    assert_eq!(
        whole.lines().skip(2).collect::<Vec<_>>(),
        yaml.lines().skip(2).collect::<Vec<_>>()
    );
}

#[test]
fn one_element_or_several_and_lines_in_one_element() {
    let s = Scratch::new();
    s.without_hr_files();
    let (run, yaml, md) = import_and_build(
        &s,
        &[&fixture("single.xml"), "--function", "A/01.3"],
        "storekeeper",
    );
    // one LaborAction, one RequiredSkill: lists of one
    assert!(
        md.contains("2.1. Приемка товаров по количеству и качеству.\n"),
        "{md}"
    );
    assert!(
        md.contains("1.4. Кладовщик должен уметь:\n\n- пользоваться весовым оборудованием.\n"),
        "{md}"
    );
    // a title element and a list holding an entry a line
    run.says("single.xml:15: guessed: `PossibleJobTitle` holds 2 lines: an entry each");
    run.says("single.xml:38: guessed: `NecessaryKnowledges` holds 2 lines: an entry each");
    assert!(
        yaml.contains("# The standard's other possible job titles: Старший кладовщик\n"),
        "{yaml}"
    );
    assert!(
        md.contains("- правила приемки товаров;\n- порядок оформления приходных документов.\n"),
        "{md}"
    );
    // the file writes its codes in Cyrillic letters: `--function` in Latin ones finds them
    run.says("single.xml:1: guessed: `A/01.3` is written `А/01.3` in the file");
    assert!(yaml.contains("origin: [А/01.3]"), "{yaml}");
    // experience «-» says nothing and is left out; the special conditions kept
    assert!(md.contains("образование и обучение — среднее общее образование; особые условия допуска к работе — прохождение обязательных предварительных медицинских осмотров.\n"), "{md}");
}

#[test]
fn windows_1251_and_swapped_knowledge_and_skills() {
    let s = Scratch::new();
    s.without_hr_files();
    let (run, _, md) = import_and_build(
        &s,
        &[&fixture("swapped-cp1251.xml"), "--function", "A/01.4"],
        "client-service",
    );
    run.says("swapped-cp1251.xml:1: placed: the file is windows-1251 (its XML declaration says so): decoded");
    // «Вести» is an infinitive though it ends as «Особенности» does
    run.says("swapped-cp1251.xml:32: oddity: A/01.4: 3 of the 3 entries of the necessary knowledge (`NecessaryKnowledges`) start with an infinitive, 0 of the 2 required skills (`RequiredSkills`, line 28) do: the blocks look swapped, and are imported swapped back; check");
    assert!(md.contains("должен знать:\n\n- стандарты обслуживания клиентов;\n- особенности продуктов организации.\n"), "{md}");
    assert!(md.contains("должен уметь:\n\n- выявлять потребности клиента;\n- работать с возражениями;\n- вести учет обращений.\n"), "{md}");
    assert!(md.contains("по «горячей линии»"), "{md}");
}

#[test]
fn a_declaration_that_no_longer_tells_the_encoding() {
    // saved again as UTF-8, the declaration still saying Windows-1251
    let s = Scratch::new();
    s.without_hr_files();
    let text = std::fs::read_to_string(fixture("single.xml"))
        .unwrap()
        .replace("encoding=\"UTF-8\"", "encoding=\"windows-1251\"");
    s.write("resaved.xml", &text);
    let (run, _, md) = import_and_build(&s, &["resaved.xml", "--function", "А"], "storekeeper");
    run.says("resaved.xml:1: oddity: the XML declaration says windows-1251, but the file is UTF-8");
    assert!(md.contains("Кладовщик должен знать:"), "{md}");
}

#[test]
fn unknown_functions_and_bad_xml_are_errors_with_their_place() {
    let s = Scratch::new();
    let file = fixture("sales.xml");
    let run = s.run(&["import", &file, "--function", "A/09.5"]);
    assert_ne!(run.code, 0);
    run.says("the standard has no labour function `A/09.5`; it has A (Продажа товаров и услуг клиентам организации), A/01.5 (Поиск и привлечение клиентов), A/02.5 (Заключение и сопровождение договоров), B (Руководство продажами), B/01.6 (Планирование продаж)");
    // without `--function`: which there are
    let run = s.run(&["import", &file]);
    assert_ne!(run.code, 0);
    run.says("give the labour functions to import with `--function`: the file has A (");
    // `--function` with a job description
    let run = s.run(&["import", "old.txt", "--function", "A"]);
    assert_ne!(run.code, 0);
    run.says("`--function` picks the labour functions of a professional standard (`.xml`)");
    // malformed XML: its line and column
    s.write(
        "broken.xml",
        "<?xml version=\"1.0\"?>\n<ProfessionalStandarts>\n  <ProfessionalStandart>\n    <NameProfessionalStandart>Кладовщик</Name>\n",
    );
    let run = s.run(&["import", "broken.xml", "--function", "A"]);
    assert_ne!(run.code, 0);
    run.says("broken.xml:4:");
    run.says("not well-formed XML");
    // an entity neither XML nor HTML defines is the parser's error, at its place
    s.write("entity.xml", "<a>\n  <b>&bogus;</b>\n</a>\n");
    let run = s.run(&["import", "entity.xml", "--function", "A"]);
    assert_ne!(run.code, 0);
    run.says("entity.xml:2:");
    // a DTD is refused (its entities could expand without end), at its place
    s.write(
        "dtd.xml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>\n",
    );
    let run = s.run(&["import", "dtd.xml", "--function", "A"]);
    assert_ne!(run.code, 0);
    run.says("dtd.xml:2:");
    // no role file was written
    assert!(!s.roles().join("menedzher-po-prodazham.yaml").exists());
    // a provision naming a function the standard does not list fails validation
    let ok = s.run(&["import", &file, "--function", "A/01.5"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    s.edit(
        "roles/menedzher-po-prodazham.yaml",
        "origin: [A/01.5]",
        "origin: [A/07.5]",
    );
    let run = s.run(&["validate", "roles/menedzher-po-prodazham.yaml"]);
    assert_ne!(run.code, 0);
    run.says("`A/07.5` is no labour function of the role's professional standard");
    // the English template prints no appendix: a role in English is told so
    s.edit(
        "roles/menedzher-po-prodazham.yaml",
        "origin: [A/07.5]",
        "origin: [A/01.5]",
    );
    s.edit(
        "roles/menedzher-po-prodazham.yaml",
        "title:\n",
        "language: en\ntitle:\n",
    );
    let run = s.run(&["validate", "roles/menedzher-po-prodazham.yaml"]);
    assert_ne!(run.code, 0);
    run.says("`professional_standard` is printed only in documents in `ru`, not in `en`");
}

#[test]
fn long_entries_fold_into_a_role_file_that_loads() {
    // a labour action, a skill, a title, a function's name and code longer than a folded line:
    // folded deeper than their keys (or quoted, in a flow sequence), or the file does not parse
    let long = "Проведение переговоров с потенциальными клиентами организации о заключении договоров поставки товаров и оказании услуг";
    let code = format!("A/01.5{}", "-1".repeat(50));
    let text = std::fs::read_to_string(fixture("single.xml"))
        .unwrap()
        .replace("А/01.3", &code)
        .replace("Приемка товаров по количеству и качеству", long)
        .replace("Приемка товаров на склад", long)
        .replace(
            "Пользоваться весовым оборудованием",
            &format!("Пользоваться {long}"),
        )
        .replace(
            "<PossibleJobTitle>Кладовщик\n",
            "<PossibleJobTitle>Кладовщик складского комплекса по приемке, хранению и отгрузке товаров организации оптовой торговли\n",
        );
    let s = Scratch::new();
    s.without_hr_files();
    s.write("long.xml", &text);
    let (run, yaml, md) = import_and_build(&s, &["long.xml", "--function", "А"], "long");
    assert!(!run.stderr.contains("YAML syntax"), "{}", run.stderr);
    assert!(yaml.contains(">-"), "{yaml}");
    assert!(md.contains(long), "{md}");
}

#[test]
fn a_large_standard_imports_whole() {
    // a megabyte of labour actions: every node is placed by a table of line starts (a parser's
    // position rescans the text from its start, which took minutes for this file); how long it
    // takes is the speed bench's business, what it writes is this test's
    let actions: String = (0..12000)
        .map(|i| format!("                    <LaborAction>Приемка товаров партии номер {i} по количеству и качеству</LaborAction>\n"))
        .collect();
    let text = std::fs::read_to_string(fixture("single.xml")).unwrap().replace(
        "                    <LaborAction>Приемка товаров по количеству и качеству</LaborAction>\n",
        &actions,
    );
    assert!(text.len() > 1_000_000);
    let s = Scratch::new();
    s.without_hr_files();
    s.write("large.xml", &text);
    let run = s.run(&["import", "large.xml", "--function", "А", "--id", "large"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let yaml = std::fs::read_to_string(s.roles().join("large.yaml")).unwrap();
    for i in [0, 6000, 11999] {
        assert!(
            yaml.contains(&format!("Приемка товаров партии номер {i} по количеству")),
            "{i}"
        );
    }
    assert_eq!(yaml.matches("Приемка товаров партии номер").count(), 12000);
}

/// single.xml with its possible job titles `titles` (one element, a title a line).
fn with_titles(s: &Scratch, name: &str, titles: &str) {
    let text = std::fs::read_to_string(fixture("single.xml"))
        .unwrap()
        .replace("Кладовщик\nСтарший кладовщик", titles);
    s.write(name, &text);
}

#[test]
fn titles_decline_from_the_nominative_and_the_first_that_declines_is_taken() {
    let s = Scratch::new();
    s.without_hr_files();
    // in capitals or in lower case a title is still a nominative, not a header's genitive
    with_titles(&s, "caps.xml", "СУДЬЯ");
    let (run, yaml, _) = import_and_build(&s, &["caps.xml", "--function", "А"], "judge");
    assert!(
        yaml.contains("title:\n  nominative: Судья\n  genitive: судьи  # guessed\n"),
        "{yaml}\n{}",
        run.stderr
    );
    with_titles(&s, "lower.xml", "кладовщик");
    let (_, yaml, _) = import_and_build(&s, &["lower.xml", "--function", "А"], "lower");
    assert!(
        yaml.contains("title:\n  nominative: Кладовщик\n  genitive: кладовщика  # guessed\n"),
        "{yaml}"
    );
    // a title that does not decline gives way to the next that does
    with_titles(&s, "next.xml", "Sales manager\nКладовщик");
    let (run, yaml, _) = import_and_build(&s, &["next.xml", "--function", "А"], "next");
    assert!(yaml.contains("  nominative: Кладовщик\n"), "{yaml}");
    run.says("next.xml:15: guessed: the possible job title `Sales manager` does not decline by the rules: the title is the next that does, `Кладовщик`");
    assert!(
        yaml.contains("# The standard's other possible job titles: Sales manager\n"),
        "{yaml}"
    );
    // none that declines, or none at all: an error at the titles
    with_titles(&s, "none.xml", "Sales manager");
    let run = s.run(&["import", "none.xml", "--function", "А"]);
    assert_ne!(run.code, 0);
    run.says("none.xml:15:");
    run.says("cannot tell the case forms of any possible job title of А (`Sales manager`)");
    with_titles(&s, "dash.xml", "\u{2014}");
    let run = s.run(&["import", "dash.xml", "--function", "А"]);
    assert_ne!(run.code, 0);
    run.says("dash.xml:14:");
    run.says("gives no possible job title");
}

#[test]
fn the_skills_lead_follows_the_title() {
    // the skills are the standard provision `must_be_able`: its lead-in is the template's, with
    // the title the role gives, not words written once at import
    let s = Scratch::new();
    s.without_hr_files();
    let (_, yaml, md) = import_and_build(
        &s,
        &[&fixture("single.xml"), "--function", "A/01.3"],
        "storekeeper",
    );
    assert!(yaml.contains("  - standard: must_be_able\n"), "{yaml}");
    assert!(
        yaml.contains(
            "must_be_able:\n  - text: пользоваться весовым оборудованием\n    origin: [А/01.3]\n"
        ),
        "{yaml}"
    );
    assert!(md.contains("1.4. Кладовщик должен уметь:\n"), "{md}");
    s.edit(
        "roles/storekeeper.yaml",
        "nominative: Кладовщик\n",
        "nominative: Старший кладовщик\n",
    );
    let build = s.run(&["build", "storekeeper"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let md = std::fs::read_to_string(s.path().join("out/storekeeper.md"))
        .unwrap()
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(
        md.contains("1.4. Старший кладовщик должен уметь:\n"),
        "{md}"
    );
}

#[test]
fn entities_escaped_twice_decode_alike_and_are_reported_once_a_line() {
    // `&amp;#171;` is a character reference escaped once more, `&amp;amp;` an ampersand: both
    // decoded as `&amp;laquo;` is
    let text = std::fs::read_to_string(fixture("single.xml"))
        .unwrap()
        .replace(
            "<LaborAction>Приемка товаров по количеству и качеству</LaborAction>",
            "<LaborAction>Приемка товаров &amp;#171;под ключ&amp;#187; по количеству &amp;amp; качеству</LaborAction><LaborAction>Проверка &laquo;тары&raquo;</LaborAction><LaborAction>Учет &laquo;остатков&raquo;</LaborAction>",
        );
    let s = Scratch::new();
    s.without_hr_files();
    s.write("twice.xml", &text);
    let (run, _, md) = import_and_build(&s, &["twice.xml", "--function", "А"], "twice");
    assert!(
        md.contains("Приемка товаров «под ключ» по количеству \\& качеству"),
        "{md}"
    );
    assert!(md.contains("Учет «остатков»"), "{md}");
    run.says("twice.xml:33: oddity: HTML entities `&#171;`, `&#187;`, `&amp;` escaped as text");
    // the entities of one line, however many elements it holds, reported once
    assert_eq!(
        run.stderr
            .matches("twice.xml:33: placed: HTML entities `&laquo;`, `&raquo;` decoded")
            .count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn bullets_and_carriage_returns_in_one_element() {
    // an element holding a list as typed: its bullets are marks, a carriage return alone breaks
    // a line as a line feed does
    let text = std::fs::read_to_string(fixture("single.xml"))
        .unwrap()
        .replace(
            "<LaborAction>Приемка товаров по количеству и качеству</LaborAction>",
            "<LaborAction>- Поиск клиентов;\n• Звонки клиентам\rПроверка тары</LaborAction><LaborAction>• Учет остатков</LaborAction>",
        );
    let s = Scratch::new();
    s.without_hr_files();
    s.write("bullets.xml", &text);
    let (_, yaml, md) = import_and_build(&s, &["bullets.xml", "--function", "А"], "bullets");
    for want in [
        "2.1. Поиск клиентов.\n",
        "2.2. Звонки клиентам.\n",
        "2.3. Проверка тары.\n",
        "2.4. Учет остатков.\n",
    ] {
        assert!(md.contains(want), "{want} in\n{md}\n{yaml}");
    }
}

#[test]
fn xml_errors_are_placed_in_the_file_as_written() {
    // the parser reads the text with the HTML entities decoded: its column is mapped back
    let s = Scratch::new();
    s.write(
        "e.xml",
        "<?xml version=\"1.0\"?>\n<a>\n  <b>&laquo;x&raquo; &laquo;y&raquo;</c>\n</a>\n",
    );
    let run = s.run(&["import", "e.xml", "--function", "A"]);
    assert_ne!(run.code, 0);
    run.says("e.xml:3:37");
    // the parser's own place, in the text it parsed, is not repeated in the message
    assert!(!run.stderr.contains(" at 3:"), "{}", run.stderr);
}

#[test]
fn a_function_without_its_code_or_name_is_an_error_at_its_line() {
    // the role file lists each function by code and name: an import without them would write
    // a file that does not load
    let text = std::fs::read_to_string(fixture("single.xml")).unwrap();
    let s = Scratch::new();
    s.write(
        "noname.xml",
        &text.replace("<NameTF>Приемка товаров на склад</NameTF>", ""),
    );
    let run = s.run(&["import", "noname.xml", "--function", "А/01.3"]);
    assert_ne!(run.code, 0);
    run.says("noname.xml:28:1");
    run.says("the labour function А/01.3 gives no `NameTF`");
    s.write("nocode.xml", &text.replace("<CodeOTF>А</CodeOTF>", ""));
    let run = s.run(&["import", "nocode.xml", "--function", "А/01.3"]);
    assert_ne!(run.code, 0);
    run.says("nocode.xml:10:1");
    run.says("the labour function gives no `CodeOTF`");
    assert!(!s.roles().join("kladovshchik.yaml").exists());
}

#[test]
fn titles_separated_by_commas_are_choices() {
    let s = Scratch::new();
    s.without_hr_files();
    with_titles(
        &s,
        "commas.xml",
        "Кладовщик, старший кладовщик; Специалист (по приемке, по отгрузке)",
    );
    let (run, yaml, _) = import_and_build(&s, &["commas.xml", "--function", "А"], "commas");
    assert!(yaml.contains("  nominative: Кладовщик\n"), "{yaml}");
    assert!(
        yaml.contains("# The standard's other possible job titles: старший кладовщик; Специалист (по приемке, по отгрузке)\n"),
        "{yaml}"
    );
    run.says("commas.xml:15: guessed: `Кладовщик, старший кладовщик; Специалист (по приемке, по отгрузке)` names 3 titles");
}
