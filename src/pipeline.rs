//! Load → check → build the document, collecting every finding. Used by the CLI and tests.

use crate::catalog;
use crate::diag::{self, Finding, Severity, Sources, SrcSpan};
use crate::figures::{self, Figures};
use crate::model::{self, Loader, Model, PriorFigures};
use crate::profile::{self, Profile};
use crate::report;
use crate::source::Source;
use crate::validate;
use crate::view::Document;
use std::path::Path;

/// The result of checking one source file.
pub struct Checked {
    pub sources: Sources,
    pub findings: Vec<Finding>,
    /// The file could not be read or parsed at all (exit code 2).
    pub fatal: bool,
    pub model: Option<(Model, Figures, Profile)>,
    /// A stand-alone 整体支出绩效自评报告 (`document: performance_report`).
    pub perf: Option<(crate::perf_report::PerfReport, Profile)>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.fatal || self.findings.iter().any(|f| f.severity == Severity::Error)
    }
    /// The data the section templates receive (for `--emit context`), 部门决算 only.
    pub fn context(&self) -> Option<serde_json::Value> {
        let (m, f, p) = self.model.as_ref()?;
        Some(report::context_json(m, f, catalog::builtin(), p))
    }

    /// The user's template directory this file was checked with, if any.
    pub fn user_dir(&self) -> Option<std::path::PathBuf> {
        self.model.as_ref().map(|m| &m.2).or(self.perf.as_ref().map(|p| &p.1)).and_then(|p| p.user_dir.clone())
    }

    /// The document to render; Err is a template problem (file and line).
    pub fn document(&self) -> Option<Result<Document, String>> {
        if let Some((r, p)) = &self.perf {
            return Some(Ok(crate::perf_report::document(r, p)));
        }
        let (m, f, p) = self.model.as_ref()?;
        Some(report::build(m, f, catalog::builtin(), p))
    }
}

/// Translates serde's English into the user's language; the field name stays as typed.
fn chinese(msg: &str) -> String {
    let m = msg.trim();
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches(" one of").trim();
        return if expected.is_empty() {
            format!("未知字段 {field}（可能拼写错误）")
        } else {
            format!("未知字段 {field}（可能拼写错误），此处可用的字段：{expected}")
        };
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        return format!("缺少必填字段 {rest}");
    }
    if m.contains("duplicate") {
        return format!("重复的键：同一层级中这个键出现了两次（{m}）");
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        return format!("类型错误：{rest}");
    }
    if let Some(rest) = m.strip_prefix("invalid value: ") {
        return format!("取值错误：{rest}");
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        return format!("取值错误：{rest}");
    }
    // Scanner messages a user meets most often.
    const SCANNER: [(&str, &str); 10] = [
        ("recursion limit exceeded", "嵌套层数过深（可能是恶意构造的文件），已拒绝读取"),
        ("simple key expected", "键过长或缺少“:”：每个字段应写成“键: 值”"),
        ("found a tab", "缩进中使用了 Tab 字符；YAML 只能用空格缩进"),
        ("mapping values are not allowed", "此处不能出现“键: 值”：多为缩进不齐，或值中含有未加引号的“: ”"),
        ("unexpected end of input", "文件意外结束（内容不完整）"),
        ("budget breached", "文件过大或别名展开过多（可能是恶意构造的文件），已拒绝读取"),
        ("double-quoted scalar", "双引号未闭合，或引号后有多余内容"),
        ("single-quoted scalar", "单引号未闭合，或引号后有多余内容"),
        ("did not find expected", "结构不完整：缺少对应的括号、引号或列表项"),
        ("could not find expected ':'", "缺少“:”：每个字段应写成“键: 值”"),
    ];
    for (needle, zh) in SCANNER {
        if m.contains(needle) {
            return format!("{zh}（{m}）");
        }
    }
    m.to_string()
}

/// Reads, parses, loads and checks one YAML file.
pub fn check_file(path: &Path) -> Checked {
    let mut sources = Sources::default();
    let display = path.display().to_string();
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
                // Show the file lossily so the finding can point at the first bad byte.
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let pos = String::from_utf8_lossy(&e.as_bytes()[..at]).len();
                let file = sources.add(display.clone(), lossy);
                let msg = format!("第 {line} 行含有非 UTF-8 字符：文件不是 UTF-8 编码（可能是 GBK）");
                let f = Finding::error("IO-READ", format!("第 {line} 行"), msg).at(Some(SrcSpan { file, start: pos, end: pos + 1 })).hint("在编辑器中用 UTF-8 编码另存该文件");
                return Checked { sources, findings: vec![f], fatal: true, model: None, perf: None };
            }
        },
        Err(e) => {
            return Checked { sources, findings: vec![Finding::error("IO-READ", display.clone(), format!("无法读取 {display}：{e}"))], fatal: true, model: None, perf: None };
        }
    };
    let base = path.parent().map(Path::to_path_buf);
    check_text(&display, text, &mut sources, base.as_deref(), true).into_checked(sources)
}

#[derive(Default)]
struct Partial {
    findings: Vec<Finding>,
    fatal: bool,
    model: Option<(Model, Figures, Profile)>,
    perf: Option<(crate::perf_report::PerfReport, Profile)>,
}

impl Partial {
    fn into_checked(self, sources: Sources) -> Checked {
        let mut findings = self.findings;
        diag::sort(&mut findings);
        Checked { sources, findings, fatal: self.fatal, model: self.model, perf: self.perf }
    }
}

pub fn check_str(name: &str, text: String) -> Checked {
    let mut sources = Sources::default();
    check_text(name, text, &mut sources, None, false).into_checked(sources)
}

/// Loads last year's file named by `prior:` (one level: its own `prior:` is not followed).
/// The path must stay inside the parent of this file's directory, so a data tree
/// `<city>/<year>/<dept>.yaml` can point at `../<year−1>/<dept>.yaml` and nowhere else.
fn load_prior(src: &Source, file: usize, base: Option<&Path>, sources: &mut Sources, findings: &mut Vec<Finding>) -> Option<PriorFigures> {
    let p = src.prior.as_ref()?;
    let ld = Loader { file, cat: catalog::builtin(), style: Default::default(), findings: vec![], texts: vec![] };
    let span = ld.span(p);
    let rel = p.get().trim();
    let err = |msg: String| Finding::error("X-PRIOR", "prior", msg).at(span);
    let Some(base) = base else {
        findings.push(err("无法确定上年文件的位置".into()));
        return None;
    };
    let target = match within_tree(base, rel) {
        Ok(t) => t,
        Err(Outside(root)) => {
            findings.push(err(format!("上年文件 {rel} 不在数据目录 {} 之内", root.display())).hint("上年文件须与本文件在同一数据目录树中"));
            return None;
        }
        Err(Unreadable(e)) => {
            findings.push(err(format!("无法读取上年文件 {rel}：{e}")).hint("路径相对于本文件所在目录，如 ../2019/本部门.yaml"));
            return None;
        }
    };
    let text = match std::fs::read_to_string(&target) {
        Ok(t) => t,
        Err(e) => {
            findings.push(err(format!("无法读取上年文件 {rel}：{e}")));
            return None;
        }
    };
    let shown = base.join(rel).display().to_string();
    let prior = check_text(&shown, text, sources, target.parent(), false);
    let errors: Vec<Finding> = prior.findings.into_iter().filter(|f| f.severity == Severity::Error).collect();
    if prior.fatal || !errors.is_empty() || prior.model.is_none() {
        findings.push(err(format!("上年文件 {rel} 有 {} 个错误，无法取得上年数", errors.len().max(1))));
        findings.extend(errors);
        return None;
    }
    let (pm, pf, _) = prior.model?;
    Some(PriorFigures::from(&pm, &pf, span))
}

enum TreeError {
    Outside(std::path::PathBuf),
    Unreadable(std::io::Error),
}
use TreeError::{Outside, Unreadable};

/// The data root of a tree build (`gen-report build data/`): files under it may refer to
/// anything under it (`templates: ../../templates/city`).
static DATA_ROOT: std::sync::Mutex<Option<std::path::PathBuf>> = std::sync::Mutex::new(None);

pub fn set_data_root(root: &Path) {
    *DATA_ROOT.lock().unwrap_or_else(|e| e.into_inner()) = root.canonicalize().ok();
}

/// `rel` resolved against the file's directory `base`, if it stays inside the data tree: the
/// data root of a tree build, else the parent of the file's directory (so `../2019/x.yaml`
/// works, `../../etc/passwd` does not). Symbolic links are resolved first, so none can lead out.
fn within_tree(base: &Path, rel: &str) -> Result<std::path::PathBuf, TreeError> {
    let dir = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
    let tree = DATA_ROOT.lock().unwrap_or_else(|e| e.into_inner()).clone().filter(|r| dir.starts_with(r));
    let root = tree.unwrap_or_else(|| dir.parent().map(Path::to_path_buf).unwrap_or_else(|| dir.clone()));
    let target = dir.join(rel).canonicalize().map_err(Unreadable)?;
    if !target.starts_with(&root) {
        return Err(Outside(root));
    }
    Ok(target)
}

fn check_text(name: &str, text: String, sources: &mut Sources, base: Option<&Path>, follow_prior: bool) -> Partial {
    let file = sources.add(name.to_string(), text.clone());
    if text.trim().is_empty() {
        let f = Finding::error("Y-SYNTAX", "（整个文件）", "文件为空").hint("从 examples/ 中的示例开始，或参照 docs/SCHEMA.md 填写");
        return Partial { findings: vec![f], fatal: true, model: None, perf: None };
    }
    // The document kind decides the schema: peek at `document:` first.
    #[derive(serde::Deserialize)]
    struct Peek {
        #[serde(default)]
        document: Option<String>,
    }
    let kind = serde_saphyr::from_str_with_options::<Peek>(&text, serde_saphyr::options! { with_snippet: false }).ok().and_then(|p| p.document);
    if kind.as_deref() == Some("performance_report") {
        return check_perf_report(file, &text);
    }
    let options = serde_saphyr::options! { with_snippet: false, strict_booleans: true };
    let src: Source = match serde_saphyr::from_str_with_options(&text, options) {
        Ok(s) => s,
        Err(e) => {
            // serde stops at the first structural problem; list all of them instead when
            // the file parses as YAML (then they are data findings, exit 1).
            let all = crate::structure::check(&text, file);
            if !all.is_empty() {
                return Partial { findings: all, fatal: false, ..Default::default() };
            }
            return Partial { findings: vec![syntax_finding(&e, file, &text)], fatal: true, ..Default::default() };
        }
    };
    let city = src.city.as_ref().map(|c| c.get().trim().to_string()).unwrap_or_else(|| "hubei".into());
    let mut findings = Vec::new();
    // The user's template directory: --templates first, else `templates:` in the file.
    let mut user: Option<std::path::PathBuf> = profile::user_dir().map(Path::to_path_buf);
    if let (None, Some(t)) = (&user, &src.templates) {
        let ld = Loader { file, cat: catalog::builtin(), style: Default::default(), findings: vec![], texts: vec![] };
        let span = ld.span(t);
        let rel = t.get().trim();
        let err = |msg: String| Finding::error("Y-TEMPLATES", "templates", msg).at(span);
        match base.map(|b| within_tree(b, rel)) {
            Some(Ok(dir)) if dir.is_dir() => user = Some(dir),
            Some(Ok(dir)) => findings.push(err(format!("模板目录 {rel} 不是目录：{}", dir.display()))),
            Some(Err(Outside(root))) => findings.push(err(format!("模板目录 {rel} 不在数据目录 {} 之内", root.display())).hint("模板目录须与本文件在同一目录树中，如 ../templates/本市")),
            Some(Err(Unreadable(e))) => findings.push(err(format!("无法打开模板目录 {rel}：{e}"))),
            None => findings.push(err("无法确定模板目录的位置".into())),
        }
    }
    let prof = match profile::load_with(&city, user.as_deref()) {
        Ok(p) => {
            // Every section the profile lists must resolve to a template that compiles.
            if let Err(msg) = crate::wording::check_profile(&p) {
                findings.push(Finding::error("Y-TEMPLATES", "templates", msg).hint("gen-report templates --city 城市 列出每个段落模板的来源"));
            }
            p
        }
        Err(msg) => {
            let ld = Loader { file, cat: catalog::builtin(), style: Default::default(), findings: vec![], texts: vec![] };
            let known_city = profile::load_with(&city, None).is_ok();
            let (rule, field, span) = if known_city { ("Y-TEMPLATES", "templates", src.templates.as_ref().and_then(|t| ld.span(t))) } else { ("Y-CITY", "city", src.city.as_ref().and_then(|c| ld.span(c))) };
            findings.push(Finding::error(rule, field, msg).at(span));
            profile::load_with("hubei", None).unwrap_or_else(|_| unreachable_profile())
        }
    };
    // The file may say which scheme its self-evaluation was filled under.
    let mut prof = prof;
    if let Some(s) = &src.scoring {
        prof.scoring = s.get().name().to_string();
    }
    let mut ld = Loader { file, cat: catalog::builtin(), style: prof.money, findings: Vec::new(), texts: Vec::new() };
    let mut m = model::build(&src, &mut ld);
    // 项目支出绩效自评: the project's budget and actual are the ones typed once above.
    for (i, (sp, mp)) in src.projects.iter().zip(m.projects.clone()).enumerate() {
        if let Some(e) = &sp.evaluation {
            let name = m.name.clone();
            if let Some(ev) = crate::perf::evaluate(&mut ld, &name, &mp.name, mp.budget.v, mp.budget, mp.actual, e, &format!("projects[{i}].evaluation"), &prof.scoring) {
                m.project_evals.push(ev);
            }
        }
    }
    if let Some(o) = &src.overall_self_evaluation {
        m.overall_eval = crate::overall_eval::evaluate(&mut ld, &m, o, &prof.scoring).map(std::sync::Arc::new);
    }
    // Fields whose value could not be loaded (bad amount, unknown code): checks reading them are skipped.
    let broken: Vec<String> = ld.findings.iter().filter(|f| matches!(f.rule, "Y-AMOUNT" | "Y-CODE-FORMAT" | "Y-CODE-UNKNOWN")).map(|f| f.field.clone()).collect();
    findings.append(&mut ld.findings);
    if follow_prior
        && let Some(p) = load_prior(&src, file, base, sources, &mut findings) {
            model::apply_prior(&mut m, &p, &mut findings);
        }
    validate::unfilled(&ld.texts, &text, &mut findings);
    let f = figures::compute(&m);
    validate::check(&m, &f, &prof, &validate::Broken(&broken), &mut findings);
    accept_warnings(&src, file, &mut findings);
    Partial { findings, fatal: false, model: Some((m, f, prof)), perf: None }
}

fn unreachable_profile() -> Profile {
    // The built-in hubei profile is covered by a unit test; this keeps the CLI panic-free.
    Profile { name: "hubei".into(), city: "hubei".into(), money: Default::default(), fonts: crate::view::Fonts { body: vec!["Noto Serif CJK SC".into()], heading: vec!["Noto Sans CJK SC".into()], title: vec!["Noto Sans CJK SC".into()], table: vec!["Noto Serif CJK SC".into()] }, charts: false, budget_completion_min_pct: 95, scoring: "hubei".into(), sections: Vec::new(), part_titles: Default::default(), tables_as_annex: false, part_sections: Default::default(), unnumbered: Vec::new(), glossary: Default::default(), page: Default::default(), date_format: "{y}年{m}月{d}日".into(), user_dir: None, sources: Vec::new() }
}

/// Drops the warnings of rules the file accepts with a reason. Errors cannot be accepted.
fn accept_warnings(src: &Source, file: usize, findings: &mut Vec<Finding>) {
    let mut ld = Loader { file, cat: catalog::builtin(), style: Default::default(), findings: vec![], texts: vec![] };
    let mut accepted = Vec::new();
    for (i, a) in src.accepted_warnings.iter().enumerate() {
        let id = a.rule.get().trim();
        let field = format!("accepted_warnings[{i}]");
        match validate::rule(id) {
            Some(r) if r.severity == "warning" => {
                if a.reason.get().trim().is_empty() {
                    findings.push(Finding::error("Y-EMPTY-TEXT", format!("{field}.reason"), "接受警告必须写明理由").at(ld.span(&a.reason)));
                } else {
                    accepted.push(r.id.clone());
                }
            }
            Some(_) => findings.push(Finding::error("Y-ACCEPT", format!("{field}.rule"), format!("{id} 是错误，不能接受，只能修正")).at(ld.span(&a.rule))),
            None => findings.push(Finding::error("Y-ACCEPT", format!("{field}.rule"), format!("没有规则 {id}")).at(ld.span(&a.rule)).hint("`gen-report rules` 列出全部规则")),
        }
    }
    ld.findings.clear();
    findings.retain(|f| !(f.severity == Severity::Warning && accepted.iter().any(|a| a == f.rule)));
}

/// Turns a serde-saphyr error into a Y-SYNTAX finding at its place.
fn syntax_finding(e: &serde_saphyr::Error, file: usize, text: &str) -> Finding {
    let loc = e.location();
    let span = loc.and_then(|l| {
        let s = l.span();
        let start = s.byte_offset()? as usize;
        Some(SrcSpan { file, start, end: start + (s.byte_len().unwrap_or(1) as usize).max(1) })
    });
    // Without a byte span, fall back to line/column.
    let span = span.or_else(|| {
        let l = loc?;
        let (line, col) = (l.line() as usize, l.column() as usize);
        let start = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>()
            + text.lines().nth(line.saturating_sub(1)).map(|ln| ln.chars().take(col.saturating_sub(1)).map(char::len_utf8).sum()).unwrap_or(0);
        Some(SrcSpan { file, start: start.min(text.len()), end: (start + 1).min(text.len()) })
    });
    let raw = e.to_string();
    let msg = raw.split(" at line ").next().unwrap_or(&raw).trim_end_matches(" (defined").to_string();
    Finding::error("Y-SYNTAX", "（YAML 语法）", format!("YAML 无法读取：{}", chinese(&msg)))
        .at(span)
        .hint("对照 docs/SCHEMA.md 或 `gen-report schema` 检查字段名、缩进和取值类型；其余问题要在修正这一处后才能继续检查")
}

/// Loads and checks a stand-alone 部门整体支出绩效自评报告.
fn check_perf_report(file: usize, text: &str) -> Partial {
    use crate::perf_report::{self, PerfReportSource};
    let options = serde_saphyr::options! { with_snippet: false, strict_booleans: true };
    let src: PerfReportSource = match serde_saphyr::from_str_with_options(text, options) {
        Ok(s) => s,
        Err(e) => {
            let schema = serde_json::to_value(schemars::schema_for!(PerfReportSource)).unwrap_or_default();
            let all = crate::structure::check_against(text, file, &schema);
            if !all.is_empty() {
                return Partial { findings: all, ..Default::default() };
            }
            return Partial { findings: vec![syntax_finding(&e, file, text)], fatal: true, ..Default::default() };
        }
    };
    let city = src.city.as_ref().map(|c| c.get().trim().to_string()).unwrap_or_else(|| "hunan".into());
    let mut findings = Vec::new();
    let prof = match profile::load(&city) {
        Ok(p) => p,
        Err(msg) => {
            let ld = Loader { file, cat: catalog::builtin(), style: Default::default(), findings: vec![], texts: vec![] };
            findings.push(Finding::error("Y-CITY", "city", msg).at(src.city.as_ref().and_then(|c| ld.span(c))));
            profile::load("hunan").unwrap_or_else(|_| unreachable_profile())
        }
    };
    let mut ld = Loader { file, cat: catalog::builtin(), style: prof.money, findings: Vec::new(), texts: Vec::new() };
    let report = perf_report::build(&src, &mut ld, &prof);
    findings.append(&mut ld.findings);
    validate::unfilled(&ld.texts, text, &mut findings);
    Partial { findings, fatal: false, model: None, perf: Some((report, prof)) }
}
