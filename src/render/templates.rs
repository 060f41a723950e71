//! The template lookup chain: a user's directory (`--templates DIR`) first, then the
//! city's built-in directory, then `templates/default/`. Built-in templates are compiled
//! in; a user's directory is read at run time. Also `gen-report init`: a YAML skeleton that
//! passes `check`, or a copy of a city's templates to customise.

use super::{html, pdf, profile, sections};
use crate::core::output::write_atomic;
use crate::core::paths;
use std::path::{Path, PathBuf};

/// The files a city can override, with their built-in default.
pub const FILES: &[(&str, &str)] = &[
    ("profile.yaml", include_str!("../../templates/default/profile.yaml")),
    ("report.typ", pdf::TEMPLATE),
    ("report.html.j2", html::TEMPLATE),
];

fn builtin_city_file(city: &str, file: &str) -> Option<&'static str> {
    if file == "profile.yaml" {
        profile::CITIES.iter().find(|(n, _)| *n == city).map(|(_, t)| *t)
    } else {
        None
    }
}

/// Where each template file of `city` comes from, in lookup order: the three whole-document
/// files, then every section the profile lists, part by part, in printing order. Loading
/// also checks the profile and compiles every section template, so this is the command that
/// checks a city's templates: a problem comes back as Err with file and line.
pub fn resolve(city: &str, user: Option<&Path>) -> Result<Vec<(String, String)>, String> {
    let profile = profile::load_with(city, user)?;
    let mut out = Vec::new();
    for (file, _) in FILES {
        let from = match user.map(|d| d.join(file)).filter(|p| paths::present(p)) {
            Some(p) => format!("{}（用户目录）", p.display()),
            None if builtin_city_file(city, file).is_some() => format!("templates/{city}/{file}（内置，覆盖默认值中的部分设置）"),
            None => format!("templates/default/{file}（内置）"),
        };
        out.push((file.to_string(), from));
    }
    let sections = sections::Sections::load(city, user)?;
    sections.check(&profile)?;
    for part in profile.sections.iter().chain(&profile.budget_sections) {
        for id in profile.part_sections.get(part).into_iter().flatten() {
            let name = format!("{part}/{id}.j2");
            let from = sections.origin.get(&name).cloned().unwrap_or_default();
            out.push((format!("sections/{name}"), from));
        }
    }
    // Parts no document prints: listed, so a city sees them.
    for (part, ids) in profile.part_sections.iter().filter(|(p, _)| !profile.sections.contains(p) && !profile.budget_sections.contains(p)) {
        for id in ids {
            let name = format!("{part}/{id}.j2");
            let from = sections.origin.get(&name).cloned().unwrap_or_else(|| "（尚无模板：该部分不在 sections 或 budget_sections 中，不印）".into());
            out.push((format!("sections/{name}"), from));
        }
    }
    Ok(out)
}

/// The text of a template file after the lookup chain (user directory, else built in).
pub fn load(file: &str, user: Option<&Path>) -> Result<Option<String>, String> {
    let Some(dir) = user else { return Ok(None) };
    let p = dir.join(file);
    if !paths::present(&p) {
        return Ok(None);
    }
    // Never a link out of the directory, a FIFO or a huge file: a refused file is an error,
    // and its content is not shown.
    paths::read_regular_text(&p, false).map(Some).map_err(|e| format!("无法读取模板 {}：{e}", p.display()))
}

fn write_new(path: &Path, text: &str) -> Result<PathBuf, String> {
    if path.exists() {
        return Err(format!("{} 已存在，不覆盖", path.display()));
    }
    write_atomic(path, text.as_bytes()).map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
    Ok(path.to_path_buf())
}

/// A document kind's `init` skeleton: the YAML text with `{{city}}`-style slots and `#@key`
/// lines, and the suffix of the file name it is written to.
pub struct Skeleton {
    pub text: &'static str,
    pub suffix: &'static str,
}

/// Writes `DIR/<dept>-<year><suffix>.yaml` from a kind's skeleton, a file that passes
/// `gen-report check`.
pub fn skeleton(city: &str, kind: &Skeleton, dept: &str, year: u32, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let text = skeleton_text(city, kind, dept, year)?;
    Ok(vec![write_new(&dir.join(format!("{}-{year}{}.yaml", dept.trim(), kind.suffix)), &text)?])
}

/// The text of a kind's skeleton for a city, department and year (`init`, and the base of
/// a first `import`).
pub fn skeleton_text(city: &str, kind: &Skeleton, dept: &str, year: u32) -> Result<String, String> {
    profile::load(city)?;
    let dept = dept.trim();
    if dept.is_empty() || dept.chars().any(|c| c.is_control() || "/\\\"'#:{}[]".contains(c)) {
        return Err(format!("部门名称 {dept:?} 不能为空，也不能含有 / \\ \" ' # : {{ }} [ ] 等字符"));
    }
    if !(2000..=2100).contains(&year) {
        return Err(format!("年度 {year} 不在 2000–2100 之内"));
    }
    let template = kind.text;
    let level = if city == "hunan" || city == "hubei" { "区级" } else { "市级" };
    let text = template
        .replace("{{city}}", city)
        .replace("{{dept}}", dept)
        .replace("{{year}}", &year.to_string())
        .replace("{{prior_year}}", &(year - 1).to_string())
        .replace("{{level}}", level)
        .replace("{{published}}", &format!("{}-06-30", year + 1));
    // Lines marked "#@key " are fields only some layouts print: kept (unmarked) when a section
    // the city's profile lists uses `key`, dropped otherwise.
    let profile = profile::load_with(city, None)?;
    let resolved = sections::resolve(city, None)?;
    let used: String = profile
        .part_sections
        .iter()
        .filter(|(part, _)| profile.sections.contains(part))
        .flat_map(|(part, ids)| ids.iter().map(move |id| format!("{part}/{id}.j2")))
        .filter_map(|name| resolved.get(&name).map(|(_, t)| t.clone()))
        .collect();
    let text: String = text
        .lines()
        .filter_map(|l| match l.strip_prefix("#@") {
            Some(rest) => {
                let (key, line) = rest.split_once(' ').unwrap_or((rest, ""));
                used.contains(key).then(|| line.to_string())
            }
            None => Some(l.to_string()),
        })
        .map(|l| l + "\n")
        .collect();
    Ok(text)
}

const TEMPLATE_README: &str = "# 城市模板（由 gen-report init --template-from 生成）

用法：gen-report build 数据.yaml --templates 本目录

| 文件 | 控制什么 |
|---|---|
| profile.yaml | 城市设置：金额格式与舍入、字体（按用途的候选列表）、95% 说明阈值、绩效评分办法、是否印图表。只写与 templates/default/profile.yaml 不同的项。 |
| report.typ | PDF 版式（Typst）。数据从 /data.json 读入，文字一律作为数据放入，不会被当作标记执行。 |
| report.html.j2 | HTML 版式（minijinja，自动转义）。可用的数据见 docs/TEMPLATES.md。 |
| sections/<部分>/<段落>.j2 | 每一节的措辞：“# 标题”一行为节标题（按 profile.yaml 中 part_sections 的顺序编号一、二、…），“## ”为小标题，“- ”为列表项，其余为段落。数字由程序计算后放入，模板只决定措辞。 |
| sections/_macros.j2 等 | 各节共用的措辞（增加/减少/持平等）。 |

改某一节：只保留该节的 .j2 文件并修改；调整顺序或增删节：在 profile.yaml 中写 part_sections。

删去不需要改动的文件：找不到的文件沿用内置模板。用 gen-report templates --templates 本目录 查看每个文件的来源。
";

/// Copies a city's templates into `dir` to customise: the whole-document files and every
/// section template the city resolves to (its own, else the default's).
pub fn copy_city(city: &str, dir: &Path) -> Result<Vec<PathBuf>, String> {
    profile::load_with(city, None)?;
    let mut out = Vec::new();
    for (name, (_, text)) in sections::resolve(city, None)? {
        out.push(write_new(&dir.join("sections").join(&name), &text)?);
    }
    for (file, default) in FILES {
        let text = builtin_city_file(city, file).map(|c| format!("{c}\n# 以下为默认值（templates/default/profile.yaml），可按需取消注释：\n{}", default.lines().map(|l| format!("# {l}\n")).collect::<String>())).unwrap_or_else(|| default.to_string());
        out.push(write_new(&dir.join(file), &text)?);
    }
    out.push(write_new(&dir.join("README.md"), TEMPLATE_README)?);
    Ok(out)
}
