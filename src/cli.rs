//! The command line. Messages for users are Chinese; flags and rule ids are ASCII.
//! Exit codes: 0 ok, 1 findings (the input has errors), 2 usage or I/O error.

use crate::build::pipeline::{self, Checked};
use crate::build::{portal, registry, tree, watch};
use crate::core::diag::Severity;
use crate::core::output::write_atomic;
use crate::core::rules;
use crate::render::{self, profile, templates};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};

/// Prints to stdout, ignoring a closed pipe (`gen-report schema | head` must not panic).
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

const EXAMPLES: &str = "示例：
  gen-report examples/wuhan-hanyang-xinfang-2020.yaml        生成 out/<文件名>.pdf、.html 及数据文件 .xlsx、.json、.csv
  gen-report build data.yaml -o public --format pdf          只生成 PDF
  gen-report build data.yaml --format xlsx,csv               只生成 Excel 和 CSV（含 datapackage.json）
  gen-report check data.yaml                                 只检查，不生成
  gen-report check data.yaml --format json                   检查结果输出为 JSON
  gen-report schema > gen-report.schema.json                 编辑器自动补全用的 JSON Schema
  gen-report examples/zhuzhou-lusong-xinfang-2024-performance.yaml   整体支出绩效自评报告（由文件中的 document: 决定）
  gen-report rules                                           列出全部检查规则
  gen-report explain X-T5-T6-BASIC                           解释一条规则
  gen-report codes 信访 --year 2017                          查找 2017 年度名称含“信访”的功能分类科目
  gen-report init --city hubei --dept 某某局 --year 2025 data/ 生成可直接检查通过的 YAML 骨架
  gen-report init --template-from hunan mytemplates/          复制城市模板以便定制
  gen-report templates --city hunan --templates mytemplates/  列出各模板文件的来源并检查
  gen-report build data/ -o public -j 2                      整树生成 data/<城市>/<年度>/<部门>.yaml（增量、并行、门户索引）
  gen-report build data/ -o public --shard 2/8               只生成第 2 份（共 8 份）；之后 gen-report index public
  gen-report watch data/ -o public --serve                   保存即重新生成，网页在 http://127.0.0.1:8000/ 自动刷新
  gen-report build data.yaml --emit context                  写出段落模板可用的数据（JSON）

退出码：0 成功；1 数据有错误（已全部列出）；2 用法错误或文件无法读取/解析。";

#[derive(Parser)]
#[command(name = "gen-report", version, about = "把部门的 YAML 源数据生成为部门决算公开报告（PDF 和 HTML）", after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    build: BuildArgs,
}

#[derive(Subcommand)]
enum Command {
    /// 检查并生成报告（不写子命令时的默认动作）。
    Build(BuildArgs),
    /// 只检查数据，不生成文件。
    Check {
        /// YAML 源数据文件。
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 输出格式：text（默认）或 json。
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
        /// 用户自己的模板目录：其中 profile.yaml 的阈值等设置参与检查。
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// 打印 YAML 源数据的 JSON Schema。
    Schema {
        /// 文档类型：final_accounts（部门决算，默认）、performance_report（整体支出绩效自评报告）或 budget（部门预算公开）。
        /// template_data 则打印模板可用的数据（doc）的结构。
        #[arg(long, default_value = "final_accounts", value_parser = schema_documents())]
        document: String,
    },
    /// 列出检查规则。
    Rules,
    /// 生成一份可以直接通过检查的 YAML 骨架，或复制一个城市模板以便定制。
    Init(InitArgs),
    /// 生成整个数据目录，然后监视数据和模板目录，保存即重新生成受影响的部门。
    Watch {
        #[command(flatten)]
        build: BuildArgs,
        /// 同时在 127.0.0.1 上提供输出目录的网页，重新生成后页面自动刷新。
        #[arg(long)]
        serve: bool,
        /// --serve 的端口（0 = 任取一个空闲端口）。
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// 由输出目录中的清单（含各分片）重新生成门户索引 index.html。
    Index {
        /// 输出目录（gen-report build 数据目录 -o 输出目录 的输出目录）。
        out: PathBuf,
    },
    /// 列出某个城市的每个模板文件从哪里取得（用户目录、城市目录或默认）。
    Templates {
        /// 城市模板名。
        #[arg(long, default_value = "hubei")]
        city: String,
        /// 用户自己的模板目录（优先于城市和默认模板）。
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// 解释一条检查规则：公式、示例和改法。
    Explain {
        /// 规则编号，如 X-T5-T6-BASIC。
        id: String,
    },
    /// 导入部门的工作簿（决算软件导出的九张表，或门户公开的表）为 YAML 源数据。
    /// 只取事实（按项、按资金来源的支出，收入，经济分类，“三公”，结转结余）；工作簿自己的合计
    /// 写在 totals: 下由 check 核对。已有的 YAML 只替换数字，文字保留。
    Import {
        /// 工作簿（.xlsx、.xls）。
        workbook: PathBuf,
        /// 写出的 YAML 文件；已存在时只替换其中的数字。
        #[arg(short, long)]
        output: PathBuf,
        /// 文档类型。
        #[arg(long, default_value = "final_accounts", value_parser = clap::builder::PossibleValuesParser::new(crate::import::kinds()))]
        document: String,
        /// 城市模板（首次导入时的骨架）：hubei、hunan、hebei。
        #[arg(long, default_value = "hubei")]
        city: String,
        /// 年度（默认取表名中的年度）。
        #[arg(long)]
        year: Option<u32>,
        /// 部门全称（默认取表头“部门：”后的名称）。
        #[arg(long)]
        dept: Option<String>,
        /// 问题的输出格式：text（默认）或 json（输出到标准输出，含单元格 cell）。
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// （基准测试用）用内置的 typst 编译 --emit typst 写出的目录（main.typ 与 data.json），只编译一次。
    #[command(hide = true)]
    TypstCompile {
        /// --emit typst 写出的目录（<文件名>.typst/）。
        dir: PathBuf,
        /// 写出的 PDF。
        output: PathBuf,
    },
    /// 列出或查找某年度的政府收支分类科目（功能分类；加 --economic 为经济分类）。
    Codes {
        /// 编码前缀（如 20103）或名称中的字（如 信访）；省略则列出全部。
        query: Option<String>,
        /// 年度（默认为最新的内置年度）。
        #[arg(long)]
        year: Option<u32>,
        /// 查经济分类科目（表6），而不是功能分类科目。
        #[arg(long)]
        economic: bool,
        /// 用户模板目录：其中 catalogue.yaml 的科目一并列出。
        #[arg(long)]
        templates: Option<PathBuf>,
    },
}

#[derive(Args)]
struct InitArgs {
    /// 城市模板：hubei、hunan、hebei。
    #[arg(long, default_value = "hubei")]
    city: String,
    /// 部门全称。
    #[arg(long)]
    dept: Option<String>,
    /// 年度。
    #[arg(long)]
    year: Option<u32>,
    /// 文档类型：final_accounts（部门决算）、performance_report（整体支出绩效自评报告）或 budget（部门预算公开）。
    #[arg(long, default_value = "final_accounts", value_parser = clap::builder::PossibleValuesParser::new(registry::ids()))]
    document: String,
    /// 改为复制这个城市的模板（profile.yaml、report.typ、report.html.j2 和说明）到目录中，供定制。
    #[arg(long)]
    template_from: Option<String>,
    /// 写入的目录（必须不存在或为空的文件不会被覆盖）。
    dir: PathBuf,
}

#[derive(Args, Default)]
struct BuildArgs {
    /// YAML 源数据文件，或数据目录（按 <城市>/<年度>/<部门>.yaml 整树生成，增量、并行）。
    files: Vec<PathBuf>,
    /// 整树生成时的工作线程数（默认为 CPU 核数）。
    #[arg(short = 'j', long)]
    jobs: Option<usize>,
    /// 整树生成时忽略清单，全部重新生成。
    #[arg(long)]
    force: bool,
    /// 只生成第 i 份（共 n 份，如 2/8），供调度系统分片并行；之后用 gen-report index 合并索引。
    #[arg(long, value_parser = parse_shard)]
    shard: Option<(usize, usize)>,
    /// 不显示进度和字体提示（用了后备字体的角色），只在有失败时输出汇总。
    #[arg(short, long)]
    quiet: bool,
    /// 输出目录。
    #[arg(short, long, default_value = "out")]
    output: PathBuf,
    /// 生成的格式，逗号分隔：pdf、html，以及同名的数据文件 xlsx（每张表一个工作表）、json（数据）、
    /// csv（<文件名>-<数据集>.csv 和 <文件名>.datapackage.json），见 docs/DATA.md；不写则全部生成。
    /// 写了 json 时，检查结果和汇总也以 JSON 输出到标准输出。
    #[arg(long, value_delimiter = ',', value_parser = ["pdf", "html", "xlsx", "json", "csv"])]
    format: Vec<String>,
    /// 附加字体目录（如 仿宋_GB2312 所在目录），可重复。
    #[arg(long = "font-path")]
    font_path: Vec<PathBuf>,
    /// 用户模板目录：其中的 profile.yaml、report.typ、report.html.j2、sections/ 优先于城市和默认模板。
    #[arg(long)]
    templates: Option<PathBuf>,
    /// 另外写出：typst = Typst 源文件及其数据（<输出目录>/<文件名>.typst/），供排查或与 typst 命令行比较；
    /// context = 段落模板可用的数据（<输出目录>/<文件名>.context.json），写模板时查字段用。
    #[arg(long, value_parser = ["typst", "context"])]
    emit: Option<String>,
}

pub fn main() -> i32 {
    let code = run();
    if let Some(table) = crate::core::timing::report() {
        eprintln!("\nGEN_REPORT_PROFILE: wall time per phase, summed over files and threads\n{table}");
    }
    code
}

fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Some(Command::Build(b)) => build(b),
        None if !cli.build.files.is_empty() => build(cli.build),
        None => {
            eprintln!("用法：gen-report <数据.yaml>（或 gen-report --help 查看全部命令）");
            2
        }
        Some(Command::Check { files, format, templates }) => {
            if let Err(e) = set_user_templates(templates.as_deref()) {
                eprintln!("{e}");
                return 2;
            }
            check(&files, format == "json")
        }
        Some(Command::Schema { document }) => {
            let schema = match registry::by_id(&document) {
                Some(kind) => kind.schema(),
                None => schemars::schema_for!(crate::render::view::Document),
            };
            say!("{}", serde_json::to_string_pretty(&schema).unwrap_or_default());
            0
        }
        Some(Command::Rules) => {
            for r in rules::rules() {
                say!("{:<18} {:<8} {}", r.id, r.severity, r.description);
            }
            0
        }
        Some(Command::Init(a)) => init(a),
        Some(Command::Watch { build: b, serve, port }) => {
            let [dir] = b.files.as_slice() else {
                eprintln!("用法：gen-report watch 数据目录 [-o 输出目录]");
                return 2;
            };
            if !dir.is_dir() {
                eprintln!("{} 不是目录", dir.display());
                return 2;
            }
            if let Err(e) = set_user_templates(b.templates.as_deref()) {
                eprintln!("{e}");
                return 2;
            }
            if b.quiet {
                crate::render::pdf::quiet_notices();
            }
            watch::run(&tree_options(&b, dir), b.templates.as_deref(), serve.then_some(port))
        }
        Some(Command::Index { out }) => match portal::write_index(&out) {
            Ok(n) => {
                eprintln!("已生成 {}（{n} 个部门）", out.join("index.html").display());
                0
            }
            Err(e) => {
                eprintln!("{e}");
                2
            }
        },
        Some(Command::Templates { city, templates }) => {
            match templates::resolve(&city, templates.as_deref()) {
                Ok(list) => {
                    for (name, from) in list {
                        say!("{name:<46} {from}");
                    }
                    0
                }
                Err(e) => {
                    eprintln!("{e}");
                    // An unknown city is a usage error; a broken profile or template a finding.
                    if profile::load_with(&city, None).is_err() { 2 } else { 1 }
                }
            }
        }
        Some(Command::Import { workbook, output, document, city, year, dept, format }) => {
            let o = crate::import::Options { workbook: &workbook, output: &output, document: &document, city: &city, year, dept: dept.as_deref(), json: format == "json" };
            let r = crate::import::run(&o);
            eprint!("{}", r.report);
            if !r.json.is_empty() {
                println!("{}", r.json);
            }
            r.code
        }
        Some(Command::TypstCompile { dir, output }) => typst_compile(&dir, &output),
        Some(Command::Codes { query, year, economic, templates }) => codes(query.as_deref(), year, economic, templates.as_deref()),
        Some(Command::Explain { id }) => match rules::rule(&id) {
            Some(r) => {
                say!("{}（{}）\n{}\n\n公式：{}\n示例：{}\n改法：{}", r.id, r.severity, r.description, r.formula, r.example, r.fix);
                0
            }
            None => {
                eprintln!("没有规则 {id}；`gen-report rules` 列出全部规则。");
                2
            }
        },
    }
}

/// `gen-report codes`: the year's codes whose code starts with the query or whose name (or a
/// parent's name) contains it, each with its 类 and 款.
fn codes(query: Option<&str>, year: Option<u32>, economic: bool, templates: Option<&Path>) -> i32 {
    let latest = crate::core::catalog::years().last().copied().unwrap_or(2020);
    let cat = match crate::core::catalog::for_year(year.unwrap_or(latest), templates) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    if !cat.covers_year() {
        eprintln!("没有 {} 年度的内置科目，以下为最接近的 {} 年度。", cat.year, cat.data_year);
    }
    let list: Vec<(&str, &str)> = if economic { cat.economic().collect() } else { cat.functions().collect() };
    let name_of = |c: &str| if economic { cat.economic_name(c) } else { cat.function_name(c) };
    let path = |code: &str| -> Vec<String> { [3, 5].iter().filter(|l| **l < code.len()).filter_map(|l| name_of(&code[..*l]).map(|n| format!("{} {n}", &code[..*l]))).collect() };
    let q = query.map(str::trim).unwrap_or("");
    let hits: Vec<&(&str, &str)> = list
        .iter()
        .filter(|(c, n)| q.is_empty() || c.starts_with(q) || n.contains(q) || (!q.chars().all(|ch| ch.is_ascii_digit()) && path(c).iter().any(|p| p.contains(q))))
        .collect();
    for (code, name) in &hits {
        let parents = path(code);
        if parents.is_empty() { say!("{code:<8} {name}") } else { say!("{code:<8} {name}（{}）", parents.join(" › ")) }
    }
    let what = if economic { "部门预算支出经济分类科目" } else { "支出功能分类科目" };
    let source = if economic { &cat.economic_source } else { &cat.source };
    eprintln!("{} 年度{what}：{} 条（来源：{source}）", cat.data_year, hits.len());
    if hits.is_empty() { 1 } else { 0 }
}

fn report(c: &Checked, json: bool) {
    if json {
        say!("{}", c.sources.render_json(&c.findings));
    } else if !c.findings.is_empty() {
        eprint!("{}", c.sources.render_text(&c.findings));
        let errors = c.findings.iter().filter(|f| f.severity == Severity::Error).count();
        let warnings = c.findings.len() - errors;
        eprintln!("共 {errors} 个错误，{warnings} 个警告。");
    }
}

fn exit_code(c: &Checked) -> i32 {
    if c.fatal { 2 } else if c.has_errors() { 1 } else { 0 }
}

/// `typst-compile DIR OUT`: the benchmark's yardstick (`scripts/bench.sh`).
fn typst_compile(dir: &Path, output: &Path) -> i32 {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| format!("无法读取 {}：{e}", dir.join(name).display()));
    let (main, data) = match (read("main.typ"), read("data.json")) {
        (Ok(m), Ok(d)) => (m, d),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return 2;
        }
    };
    match crate::render::pdf::compile_emitted(&main, &data, crate::render::pdf::fonts(&[])) {
        Ok(pdf) => match crate::core::output::write_atomic(output, &pdf) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("无法写入 {}：{e}", output.display());
                2
            }
        },
        Err(e) => {
            eprintln!("{}", e.0.join("\n"));
            1
        }
    }
}

/// Checks every file on every core, printing each file's messages in the order given.
/// Files are taken in batches, so memory stays flat however many there are.
fn check(files: &[PathBuf], json: bool) -> i32 {
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, files.len().max(1));
    let mut worst = 0;
    for batch in files.chunks(jobs * 16) {
        for (out, err, code) in parallel(batch, jobs, |f| check_one(f, json)) {
            if !out.is_empty() {
                say!("{out}");
            }
            eprint!("{err}");
            worst = worst.max(code);
        }
    }
    worst
}

/// `f` over `items` on `jobs` threads; the results in the items' order.
fn parallel<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if jobs <= 1 || items.len() <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<R>>> = items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(r);
                }
            });
        }
    });
    slots.into_iter().filter_map(|m| m.into_inner().ok().flatten()).collect()
}

/// What `check` prints for one file: (stdout, stderr, exit code).
fn check_one(f: &Path, json: bool) -> (String, String, i32) {
    let c = pipeline::check_file(f);
    if json {
        return (c.sources.render_json(&c.findings), String::new(), exit_code(&c));
    }
    let mut err = String::new();
    if !c.findings.is_empty() {
        err.push_str(&c.sources.render_text(&c.findings));
        let errors = c.findings.iter().filter(|f| f.severity == Severity::Error).count();
        err.push_str(&format!("共 {errors} 个错误，{} 个警告。\n", c.findings.len() - errors));
    }
    if !c.has_errors() {
        // Which year's 政府收支分类科目 named the codes: a 2017 report must get 2017's.
        match c.doc.as_ref().and_then(|d| d.summary().catalogue) {
            Some(y) => err.push_str(&format!("{}：检查通过（科目按 {y} 年度政府收支分类科目）。\n", f.display())),
            None => err.push_str(&format!("{}：检查通过。\n", f.display())),
        }
    }
    (String::new(), err, exit_code(&c))
}

fn stem(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "report".into())
}

fn build(b: BuildArgs) -> i32 {
    if b.files.is_empty() {
        eprintln!("用法：gen-report build <数据.yaml>…");
        return 2;
    }
    let json = b.format.iter().any(|f| f == "json");
    // `-q` prints only failures: not the note on fonts that fell back either.
    if b.quiet {
        crate::render::pdf::quiet_notices();
    }
    // The user's template directory comes first in the lookup chain.
    if let Err(e) = set_user_templates(b.templates.as_deref()) {
        eprintln!("{e}");
        return 2;
    }
    let formats = tree::Formats::from_list(&b.format);
    let mut worst = 0;
    for file in &b.files {
        if file.is_dir() {
            worst = worst.max(build_tree(&b, file));
            continue;
        }
        let c = pipeline::check_file(file);
        report(&c, json);
        let code = exit_code(&c);
        if code != 0 {
            if !json {
                eprintln!("{}：有错误，未生成任何文件。", file.display());
            }
            worst = worst.max(code);
            continue;
        }
        let stem = stem(file);
        // Render everything first, then write: a failure leaves no partial set of outputs.
        let mut outputs = match tree::render_outputs(&c, &b.output, &stem, formats, &b.font_path, &[]) {
            Ok(o) => o,
            Err((code, e)) => {
                eprintln!("{e}");
                worst = worst.max(code);
                continue;
            }
        };
        if b.emit.as_deref() == Some("context")
            && let Some(ctx) = c.context()
        {
            let text = serde_json::to_string_pretty(&ctx).unwrap_or_default();
            outputs.push((b.output.join(format!("{stem}.context.json")), text.into_bytes()));
        }
        if b.emit.as_deref() == Some("typst")
            && let Some(Ok(doc)) = c.document()
        {
            let typ = templates::load("report.typ", c.user_dir().as_deref()).ok().flatten();
            let dir = b.output.join(format!("{stem}.typst"));
            outputs.push((dir.join("main.typ"), typ.as_deref().unwrap_or(render::pdf::TEMPLATE).as_bytes().to_vec()));
            outputs.push((dir.join("data.json"), serde_json::to_string(&doc).unwrap_or_default().into_bytes()));
        }
        for (path, bytes) in &outputs {
            if let Err(e) = write_atomic(path, bytes) {
                eprintln!("无法写入 {}：{e}", path.display());
                worst = worst.max(2);
            } else if !json && !b.quiet {
                eprintln!("已生成 {}", path.display());
            }
        }
    }
    worst
}

fn init(a: InitArgs) -> i32 {
    let result = match &a.template_from {
        Some(city) => templates::copy_city(city, &a.dir),
        None => {
            let (Some(dept), Some(year)) = (a.dept.as_deref(), a.year) else {
                eprintln!("用法：gen-report init --city hubei --dept 部门全称 --year 2025 目录（或 --template-from 城市 目录）");
                return 2;
            };
            let kind = registry::for_document(Some(&a.document));
            templates::skeleton(&a.city, &kind.skeleton(), dept, year, &a.dir)
        }
    };
    match result {
        Ok(files) => {
            for f in files {
                eprintln!("已生成 {}", f.display());
            }
            0
        }
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}

/// `schema --document`: every kind, and template_data (the structure templates receive).
fn schema_documents() -> clap::builder::PossibleValuesParser {
    let mut ids = registry::ids();
    ids.push("template_data");
    clap::builder::PossibleValuesParser::new(ids)
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let (i, n) = s.split_once('/').ok_or("写成 i/n，如 2/8")?;
    let (i, n): (usize, usize) = (i.trim().parse().map_err(|_| "i 不是数字")?, n.trim().parse().map_err(|_| "n 不是数字")?);
    if n == 0 || i == 0 || i > n {
        return Err(format!("{i}/{n}：须 1 ≤ i ≤ n"));
    }
    Ok((i, n))
}

/// Builds a data directory as a tree (`build::tree`).
fn build_tree(b: &BuildArgs, root: &Path) -> i32 {
    tree::run(&tree_options(b, root))
}

fn tree_options(b: &BuildArgs, root: &Path) -> tree::Options {
    tree::Options {
        root: root.to_path_buf(),
        out: b.output.clone(),
        jobs: b.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)),
        force: b.force,
        shard: b.shard,
        formats: tree::Formats::from_list(&b.format),
        font_path: b.font_path.clone(),
        quiet: b.quiet,
        json: b.format.iter().any(|f| f == "json"),
    }
}

/// Puts `--templates DIR` first in the lookup chain of every file built in this run.
fn set_user_templates(dir: Option<&Path>) -> Result<(), String> {
    let Some(dir) = dir else { return Ok(()) };
    if !dir.is_dir() {
        return Err(format!("模板目录 {} 不存在", dir.display()));
    }
    profile::set_user_dir(dir.to_path_buf());
    Ok(())
}
