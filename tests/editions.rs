//! Editions bound to their text, `jobdoc approve`, the лист ознакомления and the лист изменений,
//! `jobdoc diff` and `jobdoc ack status`, on the seed role (approved as edition 1 in the
//! repository) and the example roster and signatures.

mod common;

use common::Scratch;

const DUTY: &str = "  - Готовит отчеты о выполненной работе\n";
const NEW_DUTY: &str = "  - Готовит еженедельные отчеты о выполненной работе\n";

fn role(s: &Scratch) -> String {
    std::fs::read_to_string(s.roles().join("client-manager.yaml")).unwrap()
}

/// Edits the seed role: the first `from` becomes `to`.
fn edit_role(s: &Scratch, from: &str, to: &str) {
    s.edit("roles/client-manager.yaml", from, to);
}

fn open_edition_2(s: &Scratch) {
    edit_role(
        s,
        "  revision: 1\n  date: 2026-06-05\n",
        "  revision: 2\n  date: 2026-09-01\n",
    );
}

fn out(s: &Scratch, name: &str) -> String {
    std::fs::read_to_string(s.path().join("out").join(name)).unwrap()
}

/// `ack status` of the seed role, the one these tests change (the example project has others).
fn status_json(s: &Scratch) -> Vec<serde_json::Value> {
    let run = s.run(&["ack", "status", "--message-format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["role"] == "client-manager")
        .collect()
}

#[test]
fn changing_an_approved_edition_fails_until_a_new_edition_is_approved() {
    let s = Scratch::new();
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let old_sheet = out(&s, "client-manager.ack.md");
    assert!(
        old_sheet.contains("редакция 1 от 05.06.2026"),
        "{old_sheet}"
    );

    edit_role(&s, DUTY, NEW_DUTY);
    for cmd in [&["validate"][..], &["build", "--format", "md"], &["check"]] {
        let run = s.run(cmd);
        assert_eq!(run.code, 1, "{cmd:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("the text of edition 1 changed after it was approved on 2026-06-05: 3.5"),
            "{cmd:?}: {}",
            run.stderr
        );
        run.says("roles/client-manager.yaml:18:13");
    }
    assert_eq!(
        out(&s, "client-manager.ack.md"),
        old_sheet,
        "a failed build wrote"
    );

    // a new edition is a draft: it builds; approving it binds the new text
    open_edition_2(&s);
    assert_eq!(s.run(&["validate"]).code, 0);
    let run = s.run(&["approve", "client-manager"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("approved: client-manager edition 2");
    assert_eq!(s.run(&["approve", "client-manager"]).code, 0, "idempotent");

    // every employee of the role has to sign again
    let status = status_json(&s);
    assert_eq!(status.len(), 1);
    assert_eq!(status[0]["revision"], 2);
    assert_eq!(status[0]["pending"], 4);
    let employees = status[0]["employees"].as_array().unwrap();
    assert_eq!(employees.len(), 4);
    assert!(
        employees.iter().all(|e| e["status"] != "signed"),
        "{employees:?}"
    );
    assert_eq!(employees[0]["status"], "outdated");
    assert_eq!(employees[3]["status"], "never");
    assert_eq!(s.run(&["ack", "status", "--strict"]).code, 1);

    // diff names exactly that provision, with its number and both wordings
    let run = s.run(&["diff", "client-manager"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "  changed 3.5\n    - Готовит отчеты о выполненной работе.\n    + Готовит еженедельные отчеты о выполненной работе.\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("\n1 changed, 0 removed, 0 added, 0 moved\n"),
        "{}",
        run.stdout
    );

    // the new sheet: new edition, another fingerprint; and a change list
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let sheet = out(&s, "client-manager.ack.md");
    assert!(sheet.contains("редакция 2 от 01.09.2026"), "{sheet}");
    let print = |t: &str| {
        t.lines()
            .find_map(|l| l.strip_prefix("отпечаток текста "))
            .unwrap()
            .to_string()
    };
    assert_ne!(print(&sheet), print(&old_sheet));
    let changes = out(&s, "client-manager.changes.md");
    assert!(changes.contains(&format!(
        "редакция 2 от 01.09.2026, отпечаток текста {}\\\nвзамен редакции 1 от 05.06.2026, отпечаток текста {}\n",
        print(&sheet),
        print(&old_sheet)
    )));
    assert!(
        changes.contains("**Пункт 3.5** изложен в новой редакции."),
        "{changes}"
    );
    assert!(changes.contains("*Было:* Готовит отчеты о выполненной работе."));
    assert!(changes.contains("*Стало:* Готовит еженедельные отчеты о выполненной работе."));
}

#[test]
fn an_editorial_edition_keeps_signatures() {
    let s = Scratch::new();
    edit_role(&s, "заключает договора", "заключает договоры");
    edit_role(
        &s,
        "  revision: 1\n  date: 2026-06-05\n",
        "  revision: 2\n  date: 2026-09-01\n  editorial: true\n",
    );
    assert_eq!(s.run(&["approve", "client-manager"]).code, 0);
    let status = status_json(&s);
    assert_eq!(status[0]["revision"], 2);
    assert_eq!(status[0]["pending"], 2, "{status:?}");
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let changes = out(&s, "client-manager.changes.md");
    assert!(changes.contains("заключает договоры"), "{changes}");
    assert!(changes.contains("повторное ознакомление под роспись не требуется"));
}

#[test]
fn an_editorial_edition_that_changes_the_meaning_is_warned_about() {
    let s = Scratch::new();
    edit_role(&s, "заключает договора", "заключает договоры");
    edit_role(
        &s,
        "  - Организует доставку товара\n",
        &format!("  - Организует доставку товара\n{NEW_DUTY}"),
    );
    edit_role(
        &s,
        "  revision: 1\n  date: 2026-06-05\n",
        "  revision: 2\n  date: 2026-09-01\n  editorial: true\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("is marked editorial, but changes more than spelling and punctuation since edition 1");
    run.says("employees who signed the edition before will not sign again");
    let warning = run
        .stderr
        .lines()
        .find(|l| l.contains("marked editorial"))
        .unwrap();
    // the added duty is named; the spelling fix is not
    let named = warning.rsplit(": ").next().unwrap();
    assert_eq!(named.split(", ").count(), 1, "{warning}");
    // without the added duty, a spelling fix alone is editorial: no warning
    edit_role(&s, NEW_DUTY, "");
    let run = s.run(&["validate"]);
    assert!(!run.stderr.contains("marked editorial"), "{}", run.stderr);
    // a word added, however short, changes the meaning
    edit_role(
        &s,
        "Организует доставку товара",
        "Не организует доставку товара",
    );
    let run = s.run(&["validate"]);
    run.says("is marked editorial, but changes more");
}

#[test]
fn a_template_that_changes_an_approved_text_is_refused() {
    let s = Scratch::new();
    let builtin =
        std::fs::read_to_string(common::repo().join("src/locale/ru/templates/job-description.md"))
            .unwrap();
    s.write(
        "templates/job-description.md",
        &builtin.replace("%}Настоящая должностная", "%}Эта должностная"),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    run.says("changed after it was approved");
    run.says(": 1.1\n");
}

#[test]
fn a_hand_edited_lock_file_is_refused() {
    let s = Scratch::new();
    let lock = std::fs::read_to_string(s.roles().join("_editions.yaml")).unwrap();
    s.write(
        "roles/_editions.yaml",
        &lock.replace(
            "Разрабатывает программы лояльности",
            "Разрабатывает программы",
        ),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    run.says("does not match its fingerprint");
    run.says("roles/_editions.yaml:8:16");
}

#[test]
fn diff_reports_one_removal_for_a_provision_deleted_mid_section() {
    let s = Scratch::new();
    s.write("old/client-manager.yaml", &role(&s));
    edit_role(&s, "  - Организует доставку товара\n", "");
    let run = s.run(&[
        "diff",
        "old/client-manager.yaml",
        "roles/client-manager.yaml",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "3. Должностные обязанности\n  removed 3.8\n    - Организует доставку товара.\n\n0 changed, 1 removed, 0 added, 0 moved\n"
        ),
        "{}",
        run.stdout
    );
    let same = s.run(&[
        "diff",
        "roles/client-manager.yaml",
        "roles/client-manager.yaml",
    ]);
    assert_eq!(same.code, 0);
    assert!(same.stdout.ends_with("no changes\n"));
    let bad = s.run(&["diff", "roles/client-manager.yaml", "roles/nothing.yaml"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn diff_since_a_git_revision() {
    if !common::tool("git") {
        return;
    }
    let s = Scratch::new();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t"])
            .args(args)
            .current_dir(s.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "roles"]);
    git(&["commit", "-qm", "seed"]);
    edit_role(&s, "  - Организует доставку товара\n", "");
    edit_role(&s, DUTY, NEW_DUTY);
    let run = s.run(&["diff", "client-manager", "--since", "HEAD"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("--- HEAD:roles/client-manager.yaml\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  changed 3.5\n"), "{}", run.stdout);
    assert!(run.stdout.contains("  removed 3.8\n"), "{}", run.stdout);
    let bad = s.run(&["diff", "client-manager", "--since", "no-such-rev"]);
    assert_eq!(bad.code, 2);
}

const ROSTER: &str = "ФИО;Должность;Подразделение;Табельный номер;Пол\n\
    Иванова Мария Петровна;Менеджер по работе с клиентами;Отдел по работе с клиентами;0012;ж\n\
    Петров Сергей Ильич;client-manager;Отдел по работе с клиентами;0015;\n\
    \"Сидорова Елена Викторовна\";менеджер по работе с клиентами;;0021;\n\
    Ким Александр;client-manager;Отдел по работе с клиентами;0034;м\n\
    ;;;;\n";

#[test]
fn windows_1251_and_bom_utf8_rosters_load_alike() {
    let cp1251 = Scratch::new();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(ROSTER);
    assert!(!unmappable);
    std::fs::write(cp1251.roles().join("_staff.csv"), &bytes).unwrap();

    let bom = Scratch::new();
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    let commas = ROSTER.replace(';', ",").replace("full name", "ФИО");
    bytes.extend_from_slice(commas.as_bytes());
    std::fs::write(bom.roles().join("_staff.csv"), &bytes).unwrap();

    let (a, b) = (status_json(&cp1251), status_json(&bom));
    assert_eq!(a, b);
    let names: Vec<&str> = a[0]["employees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Иванова М.П.", "Петров С.И.", "Сидорова Е.В.", "Ким А."]
    );
    for s in [&cp1251, &bom] {
        assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    }
    let sheet = out(&bom, "client-manager.ack.md");
    assert_eq!(sheet, out(&cp1251, "client-manager.ack.md"));
    assert!(sheet.contains("| 1 | Иванова\u{a0}М.П. | Менеджер по работе с клиентами | | |"));
    assert!(sheet.contains("| 5 | | | | |"), "blank rows follow");
    assert!(sheet.contains("С должностной инструкцией ознакомлена, экземпляр получила:"));
    assert!(sheet.contains("С должностной инструкцией ознакомлен, экземпляр получил:"));
    assert!(sheet.contains("М.П.\u{a0}Иванова «\\_\\_»"), "{sheet}");
    // one initial keeps its non-breaking space too
    assert!(sheet.contains("| 4 | Ким\u{a0}А. |"), "{sheet}");
    assert!(sheet.contains(" А.\u{a0}Ким «"), "{sheet}");
}

#[test]
fn roster_rows_are_checked_at_their_line() {
    let s = Scratch::new();
    s.write(
        "roles/_staff.csv",
        "name,role,number\nИванова Мария Петровна,client-manger,0012\nПетров Сергей Ильич,client-manager,0012\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    run.says("error: unknown role `client-manger`");
    run.says("roles/_staff.csv:2:24");
    run.says("did you mean `client-manager`?");
    assert!(
        run.stderr
            .contains("duplicate personnel number `0012` (also at line 2)"),
        "{}",
        run.stderr
    );
    run.says("roles/_staff.csv:3:36");
    assert_eq!(s.run(&["build"]).code, 1);
    assert!(s.out_files().is_empty());

    s.write("roles/_staff.csv", "Сотрудник;Отдел\nИванова;Продажи\n");
    let run = s.run(&["validate"]);
    assert!(
        run.stderr
            .contains("the header row has no column Должность (role), Табельный номер (number)"),
        "{}",
        run.stderr
    );
}

#[test]
fn yaml_roster_and_signature_records_are_checked() {
    let s = Scratch::new();
    std::fs::remove_file(s.roles().join("_staff.csv")).unwrap();
    s.write(
        "roles/_staff.yaml",
        "employees:\n  - { name: Иванова Мария Петровна, role: client-manager, number: \"0012\", gender: ж }\n  - { name: Петров Сергей Ильич, role: Менеджер по работе с клиентами, number: \"0015\" }\n",
    );
    assert_eq!(s.run(&["validate"]).code, 0);
    // a malformed date is a schema problem: reported alone, before the record checks
    s.write(
        "roles/_signatures.yaml",
        "signatures:\n  - { employee: \"0015\", role: client-manager, revision: 1, date: 10.06.2026 }\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: `signatures[1].date` is not a date"),
        "{}",
        run.stderr
    );
    run.says("roles/_signatures.yaml:2:66");
    s.write(
        "roles/_signatures.yaml",
        "signatures:\n  - { employee: \"0012\", role: client-manager, revision: 1, date: 2026-06-31 }\n  - { employee: \"0099\", role: client-manager, revision: 1, date: 2026-06-10 }\n  - { employee: \"0015\", role: client-manager, revision: 7, date: 2026-06-10 }\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    for (message, place) in [
        (
            "`2026-06-31` is not a calendar date",
            "_signatures.yaml:2:66",
        ),
        ("unknown employee `0099`", "_signatures.yaml:3:17"),
        (
            "`client-manager` has no approved edition 7 (approved: 1)",
            "_signatures.yaml:4:57",
        ),
    ] {
        assert!(run.stderr.contains(message), "{message}: {}", run.stderr);
        assert!(run.stderr.contains(place), "{place}: {}", run.stderr);
    }
}

#[test]
fn crlf_roster_rows_are_reported_at_their_own_line() {
    let s = Scratch::new();
    s.write(
        "roles/_staff.csv",
        "ФИО;Должность;Табельный номер\r\nИванов Иван;client-manager;1\r\nСидоров Петр;clent-manager;3\r\nКим Анна;client-manager;1\r\n",
    );
    std::fs::remove_file(s.roles().join("_signatures.yaml")).unwrap();
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    run.says("roles/_staff.csv:3:14");
    assert!(
        run.stderr
            .contains("duplicate personnel number `1` (also at line 2)"),
        "{}",
        run.stderr
    );
    run.says("roles/_staff.csv:4:25");
}

#[test]
fn a_changed_edition_at_the_last_revision_number_does_not_overflow() {
    let s = Scratch::new();
    let max = u32::MAX.to_string();
    let lock = std::fs::read_to_string(s.roles().join("_editions.yaml")).unwrap();
    s.write(
        "roles/_editions.yaml",
        &lock.replacen("- revision: 1\n", &format!("- revision: {max}\n"), 1),
    );
    std::fs::remove_file(s.roles().join("_signatures.yaml")).unwrap();
    edit_role(&s, "  revision: 1\n", &format!("  revision: {max}\n"));
    edit_role(&s, DUTY, NEW_DUTY);
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("changed after it was approved");
}

#[test]
fn roster_cells_the_pdf_font_cannot_draw_are_refused_at_their_cell() {
    let s = Scratch::new();
    s.write(
        "roles/_staff.csv",
        "ФИО;Должность;Подразделение;Табельный номер\nИванова Мария Петровна;client-manager;Продажи 😀;0012\nПетров ₽ Сергей;client-manager;;0015\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (message, place) in [
        ("no glyph for `😀` (U+1F600)", "roles/_staff.csv:2:39"),
        ("no glyph for `₽` (U+20BD)", "roles/_staff.csv:3:1"),
    ] {
        assert!(run.stderr.contains(message), "{message}: {}", run.stderr);
        assert!(run.stderr.contains(place), "{place}: {}", run.stderr);
    }
    run.says("write «руб.» instead of ₽");

    std::fs::remove_file(s.roles().join("_staff.csv")).unwrap();
    std::fs::remove_file(s.roles().join("_signatures.yaml")).unwrap();
    s.write(
        "roles/_staff.yaml",
        "employees:\n  - { name: Иванова Мария, role: client-manager, number: \"0012\", department: \"Отдел ₽\" }\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("no glyph for `₽`");
    run.says("roles/_staff.yaml:2:78");
}

#[test]
fn a_position_title_two_roles_share_is_ambiguous_in_the_roster() {
    let s = Scratch::new();
    s.write("roles/senior-client-manager.yaml", &role(&s));
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("ambiguous position title `Менеджер по работе с клиентами` (roles client-manager, senior-client-manager): write the role id");
    run.says("roles/_staff.csv:2:24");
}

#[test]
fn diff_of_an_unchanged_first_edition_shows_no_changes() {
    let s = Scratch::new();
    let run = s.run(&["diff", "client-manager"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("--- client-manager edition 1 (approved 2026-06-05)\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("\nno changes\n"), "{}", run.stdout);
}

#[test]
fn signatures_need_an_approved_edition_and_should_follow_it() {
    let s = Scratch::new();
    s.write(
        "roles/_signatures.yaml",
        "signatures:\n  - { employee: \"0012\", role: client-manager, revision: 1, date: 2026-06-01 }\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("warning: signed on 2026-06-01, before edition 1 of `client-manager` was approved on 2026-06-05");
    run.says("roles/_signatures.yaml:2:66");

    std::fs::remove_file(s.roles().join("_editions.yaml")).unwrap();
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`client-manager` has no approved edition 1 (none is approved)"),
        "{}",
        run.stderr
    );
}

#[test]
fn approving_an_approved_unchanged_edition_leaves_the_lock_file_alone() {
    let s = Scratch::new();
    let lock = format!(
        "# kept by hand\n{}",
        std::fs::read_to_string(s.roles().join("_editions.yaml")).unwrap()
    );
    s.write("roles/_editions.yaml", &lock);
    let run = s.run(&["approve", "client-manager"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("nothing changed: roles/_editions.yaml is as it was"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("recorded in"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(s.roles().join("_editions.yaml")).unwrap(),
        lock
    );
}

#[test]
fn empty_hr_files_are_empty_data() {
    let s = Scratch::new();
    s.write("roles/_staff.csv", "");
    s.write("roles/_signatures.yaml", "");
    s.write("roles/_editions.yaml", "# no edition approved yet\n");
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let status = status_json(&s);
    assert_eq!(status[0]["approved"], false, "{status:?}");
    assert_eq!(status[0]["employees"], serde_json::json!([]), "{status:?}");
}

#[test]
fn a_row_cut_short_by_another_separator_says_so() {
    let s = Scratch::new();
    s.write(
        "roles/_staff.csv",
        "name;role;number\nИванова Мария Петровна,client-manager,0012\n",
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("error: the row has no role");
    assert!(
        run.stderr
            .contains("hint: the row has 1 field(s), the header 3; the separator is `;`"),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_since_refuses_a_revision_git_would_take_for_an_option() {
    let s = Scratch::new();
    let run = s.run(&["diff", "client-manager", "--since=--output=leak"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("`--output=leak` is not a git revision");
    assert!(!s.path().join("leak").exists());
}

#[test]
fn ack_sign_appends_a_checked_record_and_status_shows_it() {
    let s = Scratch::new();
    let before = std::fs::read_to_string(s.roles().join("_signatures.yaml")).unwrap();
    let run = s.run(&[
        "ack",
        "sign",
        "client-manager",
        "0021",
        "--date",
        "2026-06-10",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("recorded: 0021 Сидорова Е.В. signed client-manager edition 1 on 2026-06-10");
    let after = std::fs::read_to_string(s.roles().join("_signatures.yaml")).unwrap();
    // the file's own lines and comments are kept; one line is added, in its style
    assert_eq!(
        after,
        format!(
            "{before}  - {{ employee: \"0021\", role: client-manager, revision: 1, date: 2026-06-10 }}\n"
        )
    );
    let status = status_json(&s);
    let employee = status[0]["employees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["number"] == "0021")
        .unwrap();
    assert_eq!(employee["status"], "signed", "{status:?}");
    // again: nothing to add
    let run = s.run(&[
        "ack",
        "sign",
        "client-manager",
        "0021",
        "--date",
        "2026-06-10",
    ]);
    assert_eq!(run.code, 0);
    run.says("already recorded");
    assert_eq!(
        std::fs::read_to_string(s.roles().join("_signatures.yaml")).unwrap(),
        after
    );
    // checked as if typed: an unknown employee writes nothing
    let run = s.run(&[
        "ack",
        "sign",
        "client-manager",
        "9999",
        "--date",
        "2026-06-10",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("roles/_signatures.yaml:");
    // a date that is not one (or that would smuggle in YAML) is refused before anything
    for date in ["2026-02-30", "2026-06-10 }\n  - { employee: \"0034\""] {
        let run = s.run(&["ack", "sign", "client-manager", "0034", "--date", date]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        run.says("not a calendar date");
    }
    assert_eq!(
        std::fs::read_to_string(s.roles().join("_signatures.yaml")).unwrap(),
        after
    );
}

#[test]
fn ack_sign_starts_the_records_file() {
    let s = Scratch::new();
    std::fs::remove_file(s.roles().join("_signatures.yaml")).unwrap();
    let run = s.run(&["ack", "sign", "client-manager", "0012", "0015"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(s.roles().join("_signatures.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=signatures.schema.json\n"));
    // no --date: the build's date (tests run with SOURCE_DATE_EPOCH of 2026-06-05)
    assert!(
        text.contains(
            "  - { employee: \"0015\", role: client-manager, revision: 1, date: 2026-06-05 }\n"
        ),
        "{text}"
    );
    assert_eq!(s.run(&["validate"]).code, 0);
}

#[test]
fn list_shows_each_role_its_edition_draft_and_pending_signatures() {
    let s = Scratch::new();
    let run = s.run(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("client-manager")
            && run.stdout.contains("Менеджер по работе с клиентами")
            && run
                .stdout
                .contains("edition 1 of 2026-06-05, 4 employee(s), 2 pending"),
        "{}",
        run.stdout
    );
    open_edition_2(&s);
    s.run(&[
        "ack",
        "sign",
        "client-manager",
        "0021",
        "0034",
        "--date",
        "2026-06-10",
    ]);
    let run = s.run(&["list", "--message-format", "json"]);
    let line: serde_json::Value = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["role"] == "client-manager")
        .unwrap();
    assert_eq!(line["in_force"], 1);
    assert_eq!(line["draft"], 2);
    assert_eq!(line["pending"], 0, "{line}");
}

/// The лист ознакомления of a built job description, its last page: what follows the last page
/// break.
fn own_sheet(job_description: &str) -> &str {
    let (_, sheet) = job_description.rsplit_once("\n---\n\n").unwrap();
    sheet
}

/// The лист ознакомления of a built `<id>.ack.md`: its first page after the organization's name.
fn ack_sheet(ack: &str) -> &str {
    let (_, rest) = ack.split_once("\n\n").unwrap();
    let (sheet, _) = rest.split_once("\n\n---\n").unwrap();
    sheet
}

#[test]
fn the_job_description_ends_with_the_same_sheet_as_its_ack_document() {
    let s = Scratch::new();
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let job_description = out(&s, "client-manager.md");
    let ack = out(&s, "client-manager.ack.md");
    let sheet = own_sheet(&job_description);
    assert_eq!(sheet.trim_end(), ack_sheet(&ack));
    // the example roster's employees, then ack_rows blank rows
    let table: Vec<&str> = sheet.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(
        table[0],
        "| № п/п | Ф.И.О. | Должность | Дата ознакомления | Подпись |"
    );
    let position = "Менеджер по работе с клиентами";
    for (i, name) in ["Иванова М.П.", "Петров С.И.", "Сидорова Е.В.", "Ким А."]
        .iter()
        .enumerate()
    {
        let row = format!(
            "| {} | {} | {position} | | |",
            i + 1,
            name.replace(' ', "\u{a0}")
        );
        assert_eq!(table[i + 2], row);
    }
    assert_eq!(table.len(), 2 + 4 + 10, "{table:#?}");
    assert_eq!(table[15], "| 14 | | | | |");
    // the second part of the ack document, the marks on the employees' copies, is its own
    assert!(ack.contains("экземпляр получила"));
    assert!(!job_description.contains("экземпляр"));

    // without a roster, both are blank rows (ack_rows)
    s.without_hr_files();
    assert_eq!(s.run(&["build", "--format", "md"]).code, 0);
    let job_description = out(&s, "client-manager.md");
    let ack = out(&s, "client-manager.ack.md");
    assert_eq!(own_sheet(&job_description).trim_end(), ack_sheet(&ack));
    let rows: Vec<&str> = ack_sheet(&ack)
        .lines()
        .filter(|l| l.starts_with("| "))
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 10);
    assert!(rows.iter().all(|r| r.ends_with("| | | | |")), "{rows:#?}");
}

#[test]
fn the_seed_fingerprint_stays_and_both_sheets_show_it() {
    const SEED: &str = "sha256:003bfb481c3b2f5022f4f86a59582890774cf653e520a2e98578b28a8968647c";
    let s = Scratch::new();
    let editions = std::fs::read_to_string(s.roles().join("_editions.yaml")).unwrap();
    assert!(editions.contains(&format!("fingerprint: {SEED}\n")));
    // the build checks the rendered text against it
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = format!("отпечаток текста {}\n", &SEED[7..19]);
    assert!(own_sheet(&out(&s, "client-manager.md")).contains(&line));
    assert!(out(&s, "client-manager.ack.md").contains(&line));
    let status = status_json(&s);
    assert_eq!(status[0]["revision"], 1, "{status:?}");
}

#[test]
fn an_override_of_the_sheet_changes_both_documents() {
    let s = Scratch::new();
    let builtin =
        std::fs::read_to_string(common::repo().join("src/locale/ru/templates/ack-sheet.md"))
            .unwrap();
    assert!(builtin.contains("| Ф.И.О. |"));
    s.write(
        "templates/ack-sheet.md",
        &builtin.replace("| Ф.И.О. |", "| Фамилия, имя, отчество |"),
    );
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["client-manager.md", "client-manager.ack.md"] {
        let md = out(&s, name);
        assert!(md.contains("| № п/п | Фамилия, имя, отчество |"), "{name}");
        assert!(!md.contains("Ф.И.О."), "{name}");
    }
    // a mistake in the part is reported at the part's own line
    s.write(
        "templates/ack-sheet.md",
        &builtin.replace("{{ fingerprint }}", "{{ fingerprnt }}"),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = builtin
        .lines()
        .position(|l| l.contains("{{ fingerprint }}"))
        .unwrap()
        + 1;
    run.says(&format!("templates/ack-sheet.md:{line}:"));
    run.says("{{ fingerprnt }}");
    run.says("included by <built-in>/");
}

#[test]
fn a_job_description_showing_its_fingerprint_inside_its_text_is_refused() {
    let s = Scratch::new();
    s.without_hr_files();
    let builtin =
        std::fs::read_to_string(common::repo().join("src/locale/ru/templates/job-description.md"))
            .unwrap();
    let heading = builtin.lines().find(|l| l.starts_with("## ")).unwrap();
    s.write(
        "templates/job-description.md",
        &builtin.replacen(heading, &format!("{heading} {{{{ fingerprint }}}}"), 1),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.says("templates/job-description.md");
    run.says("shows `fingerprint` or `approved`, which are made from it");
}

/// An edition approved before abbreviations kept their period at the end of a provision was
/// printed «и т. д;»: it is printed so while it is in force (nobody signs again for jobdoc's own
/// typography), with a warning; the next edition prints «и т. д.;».
#[test]
fn an_edition_approved_before_abbreviations_kept_their_period_is_printed_as_approved() {
    use jobdoc::hr::text::fingerprint;
    use jobdoc::load::Paths;
    use jobdoc::project::Project;

    let s = Scratch::new();
    s.without_hr_files();
    edit_role(
        &s,
        "      - учитывает требования и претензии клиентов\n",
        "      - учитывает требования, претензии клиентов и т. д.\n",
    );
    // the text as jobdoc printed it before, approved
    let project = Project::load(&Paths::new(&s.roles(), None), None)
        .unwrap_or_else(|d| panic!("{d:?}"))
        .value;
    let role = project
        .roles
        .iter()
        .find(|r| r.id == "client-manager")
        .unwrap();
    let mut before = project.composer(None);
    before.abbreviations = false;
    let text = before.edition_text(role).unwrap().to_text();
    assert!(text.contains("клиентов и т. д;"), "{text}");
    let indented: String = text.lines().map(|l| format!("    {l}\n")).collect();
    s.write(
        "roles/_editions.yaml",
        &format!(
            "client-manager:\n- revision: 1\n  date: 2026-06-05\n  approved_by: Генеральный директор А.Б. Иванов\n  fingerprint: {}\n  text: |\n{indented}",
            fingerprint(&text)
        ),
    );
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.says("printed as it was approved");
    let md = std::fs::read_to_string(s.path().join("out/client-manager.md")).unwrap();
    assert!(md.contains("клиентов и т. д;"), "{md}");
    // a new edition prints the period
    open_edition_2(&s);
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(s.path().join("out/client-manager.md")).unwrap();
    assert!(md.contains("клиентов и т. д.;"), "{md}");
}

/// A role file written when the standard sections were required reads as it did: provisions in
/// lower case end with «.» each, a list given empty still prints its heading.
#[test]
fn a_role_file_of_the_standard_structure_reads_as_before() {
    let s = Scratch::new();
    s.without_hr_files();
    edit_role(
        &s,
        "functions:\n  - Ведение и расширение клиентской базы\n  - Обеспечение увеличения уровня продаж\n",
        "functions: []\n",
    );
    edit_role(
        &s,
        "  - Развивает деловые отношения с клиентами\n",
        "  - развивает деловые отношения с клиентами\n",
    );
    let run = s.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(s.path().join("out/client-manager.md")).unwrap();
    assert!(
        md.contains("## 2. Функциональные обязанности\n\n## 3."),
        "{md}"
    );
    assert!(
        md.contains("3.1. развивает деловые отношения с клиентами.\n"),
        "{md}"
    );
}
