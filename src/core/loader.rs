//! The `Loader`: turns spanned source values into typed ones (exact amounts, trimmed texts,
//! dates, function codes named from the catalogue), collecting every problem as a finding
//! instead of stopping at the first. Every document kind loads its YAML through it.

use crate::core::catalog::Catalog;
use crate::core::diag::{Finding, SrcSpan};
use crate::core::money::{parse_amount, MoneyStyle};
use crate::core::source::{Amt, Sp, Text};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A number with the place it was typed (None when it was defaulted or computed).
#[derive(Clone, Copy, Debug, Default)]
pub struct Val {
    pub v: Decimal,
    pub span: Option<SrcSpan>,
}

#[derive(Clone, Debug, Default)]
pub struct TextVal {
    pub text: String,
    pub span: Option<SrcSpan>,
}

impl TextVal {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Longest name (department, project) and longest paragraph accepted, in characters.
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_TEXT_CHARS: usize = 5000;

pub struct Loader<'a> {
    pub file: usize,
    /// The report year's classification catalogue.
    pub cat: &'a Catalog,
    pub style: MoneyStyle,
    pub findings: Vec<Finding>,
    /// Every free text with its field path, for the checks of `core::prose`.
    pub texts: Vec<(String, TextVal)>,
    /// Function-code names the file typed (`name:`), code → (name, where): they are printed
    /// for that code everywhere, and make a code the catalogue lacks usable.
    pub typed_names: BTreeMap<String, (String, Option<SrcSpan>)>,
    /// Function codes neither the catalogue nor (so far) a typed name knows: (code, where,
    /// field). `finish_codes` reports those no row of the file names.
    unknown: Vec<(String, Option<SrcSpan>, String)>,
}

/// Where a spanned value was typed, in source `file`.
pub fn span_of<T>(file: usize, sp: &Sp<T>) -> Option<SrcSpan> {
    let s = sp.loc().span();
    let start = s.byte_offset()? as usize;
    let len = s.byte_len().unwrap_or(0) as usize;
    Some(SrcSpan { file, start, end: start + len.max(1) })
}

impl<'a> Loader<'a> {
    pub fn new(file: usize, cat: &'a Catalog, style: MoneyStyle) -> Loader<'a> {
        Loader { file, cat, style, findings: Vec::new(), texts: Vec::new(), typed_names: BTreeMap::new(), unknown: Vec::new() }
    }

    pub fn span<T>(&self, sp: &Sp<T>) -> Option<SrcSpan> {
        span_of(self.file, sp)
    }

    fn amount_signed(&mut self, a: &Amt, field: &str, allow_negative: bool) -> Val {
        let span = self.span(a);
        match parse_amount(&a.get().0, self.style.amount_dp, allow_negative) {
            Ok(v) => Val { v, span },
            Err(e) => {
                self.findings.push(
                    Finding::error("Y-AMOUNT", field, format!("金额格式错误：{}", e.message()))
                        .at(span)
                        .expected(e.expected(self.style.amount_dp))
                        .actual(format!("{:?}", a.get().0))
                        .hint("金额以万元为单位，写成 707.12 这样的数字；不要带单位或科学计数法"),
                );
                Val { v: Decimal::ZERO, span }
            }
        }
    }

    pub fn amount(&mut self, a: &Amt, field: &str) -> Val {
        self.amount_signed(a, field, false)
    }

    pub fn opt_amount(&mut self, a: &Option<Amt>, field: &str) -> Val {
        match a {
            Some(a) => self.amount(a, field),
            None => Val::default(),
        }
    }

    /// Loads a text the user wrote; it is remembered for the unfilled-text check.
    pub fn text(&mut self, t: &Text, field: &str) -> TextVal {
        let mut v = TextVal { text: t.get().trim().to_string(), span: self.span(t) };
        // Names are short; paragraphs are long but bounded: a runaway value (a pasted
        // document, a generated file) would otherwise make a gigabyte PDF.
        let limit = if field.ends_with("name") { MAX_NAME_CHARS } else { MAX_TEXT_CHARS };
        let n = v.text.chars().count();
        if n > limit {
            self.findings.push(
                Finding::error("Y-TEXT-LONG", field, format!("文字过长：{n} 个字符，此处最多 {limit} 个"))
                    .at(v.span.map(|s| SrcSpan { end: s.start + 1, ..s }))
                    .hint("核对是否误粘贴了整段文件；长文字请分段写"),
            );
            v.text = v.text.chars().take(limit).collect();
        }
        self.texts.push((field.to_string(), v.clone()));
        v
    }

    pub fn opt_text(&mut self, t: &Option<Text>, field: &str) -> Option<TextVal> {
        t.as_ref().map(|t| self.text(t, field)).filter(|t| !t.is_empty())
    }

    /// Checks a function code's shape and resolves its name (typed override first).
    pub fn function_code(&mut self, code: &Text, name: &Option<Text>, field: &str, want: &[usize]) -> Option<(String, String)> {
        let c = code.get().trim().to_string();
        let span = self.span(code);
        if !c.chars().all(|ch| ch.is_ascii_digit()) || !want.contains(&c.len()) {
            let lens: Vec<String> = want.iter().map(|l| l.to_string()).collect();
            self.findings.push(
                Finding::error("Y-CODE-FORMAT", format!("{field}.code"), "功能分类科目编码格式错误")
                    .at(span)
                    .expected(format!("{} 位数字编码", lens.join("/")))
                    .actual(format!("{c:?}"))
                    .hint("编码要加引号写成字符串，如 code: \"2010301\""),
            );
            return None;
        }
        let official = self.cat.function_name(&c);
        let year = self.cat.year;
        let resolved = match name {
            Some(n) if !n.get().trim().is_empty() => {
                let typed = n.get().trim();
                // A name typed for a known code must be the year's official one (seed 002
                // still printed the pre-2018 "医疗卫生与计划生育").
                if let Some(o) = official.filter(|o| *o != typed) {
                    self.findings.push(
                        Finding::warning("Y-CODE-NAME", format!("{field}.name"), format!("科目 {c} 在 {year} 年度的名称是“{o}”"))
                            .at(self.span(n))
                            .expected(o.to_string())
                            .actual(typed.to_string())
                            .hint(format!("删去 name，名称由 {year} 年度科目目录提供（gen-report codes {c} --year {year}）；确为本地名称时在 accepted_warnings 中写明理由")),
                    );
                }
                // One code, one name: a second, different name for it is reported.
                if let Some((other, at)) = self.typed_names.get(&c).filter(|(o, _)| o != typed) {
                    let (other, at) = (other.clone(), *at);
                    self.findings.push(
                        Finding::warning("Y-CODE-NAME", format!("{field}.name"), format!("科目 {c} 写了两个不同的名称"))
                            .at(self.span(n))
                            .expected(other.clone())
                            .actual(typed.to_string())
                            .related(at, format!("这里写的是“{other}”"))
                            .hint("同一科目的名称只写一次（或每处都写成一样）"),
                    );
                }
                // The first name typed for a code is the one printed.
                let at = self.span(n);
                self.typed_names.entry(c.clone()).or_insert((typed.to_string(), at));
                Some(typed.to_string())
            }
            _ => official.map(str::to_string),
        };
        match resolved {
            Some(n) => Some((c, n)),
            None => {
                // Another row may still name it: decided in `finish_codes`. The line is kept,
                // so its amounts take part in every sum and check.
                self.unknown.push((c.clone(), span, format!("{field}.code")));
                Some((c, String::new()))
            }
        }
    }

    /// Reports every function code that neither the year's catalogue nor any `name:` of the
    /// file names. Call once, after every row is loaded.
    pub fn finish_codes(&mut self) {
        let year = self.cat.year;
        for (c, span, field) in std::mem::take(&mut self.unknown) {
            if self.typed_names.contains_key(&c) {
                continue;
            }
            self.findings.push(
                Finding::error("Y-CODE-UNKNOWN", field, format!("科目编码 {c} 不在 {year} 年度支出功能分类科目中"))
                    .at(span)
                    .expected(format!("{year} 年度的功能分类科目编码"))
                    .actual(c.clone())
                    .hint(format!("用 gen-report codes {} --year {year} 查找编码；若为新增科目，在该行加 name: 写明科目名称", &c[..c.len().min(5)])),
            );
        }
    }
}

pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let mut it = s.trim().split('-');
    let y: u32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if it.next().is_some() || !(1..=days).contains(&d) {
        return None;
    }
    Some((y, m, d))
}

