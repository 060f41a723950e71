//! The spanned source primitives every document kind's YAML types are built from: a value
//! with its place (`Sp`), an amount kept as the scalar's text (`Raw`, parsed into an exact
//! decimal by `core::loader`), and the source types every kind shares (the department, an
//! accepted warning).
//!
//! Keep these types free of `#[serde(flatten)]` and untagged enums: serde-saphyr's spans
//! are lost inside them.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// A value with the place in the YAML where it was typed.
#[derive(Debug, Clone)]
pub struct Sp<T>(pub serde_saphyr::Spanned<T>);

impl<T> Sp<T> {
    pub fn get(&self) -> &T {
        &self.0.value
    }
    pub fn loc(&self) -> &serde_saphyr::Location {
        &self.0.referenced
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_saphyr::Spanned::<T>::deserialize(d).map(Sp)
    }
}

impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(g)
    }
}

/// The raw text of a scalar that must be an amount, read with `deserialize_str` so the
/// digits arrive exactly as typed (never through f64).
#[derive(Debug, Clone)]
pub struct Raw(pub String);

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("金额，如 707.12")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Raw, E> {
                Ok(Raw(s.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
                Ok(Raw(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
                Ok(Raw(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Raw, E> {
                Err(E::custom("金额的原文已丢失（请勿在此处使用锚点合并或 flatten）"))
            }
        }
        d.deserialize_str(V)
    }
}

impl JsonSchema for Raw {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "金额，单位万元，最多两位小数，如 707.12",
            "anyOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "pattern": "^[0-9][0-9,]*(\\.[0-9]{1,2})?$" }
            ]
        })
    }
}

/// An amount in 万元 as typed.
pub type Amt = Sp<Raw>;
/// A piece of text as typed.
pub type Text = Sp<String>;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptedWarning {
    /// 规则编号，如 X-FUNC-ECON。
    pub rule: Text,
    /// 为什么接受（必填）。
    pub reason: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// 部门全称，如 武汉市汉阳区信访局。
    pub name: Text,
    /// 简称，用于“汉阳区信访局没有政府性基金收入”等句子；省略时用全称。
    #[serde(default)]
    pub short_name: Option<Text>,
    /// 本级财政的层级用语，如 区级、市级、县级（名词解释中使用）。
    pub level: Text,
    /// 决算年度，如 2020。
    pub year: Sp<u32>,
    /// 公开日期，YYYY-MM-DD。
    pub published: Text,
    /// 决算公开咨询电话。
    #[serde(default)]
    pub phone: Option<Text>,
    /// 内设机构设置（湖南版式“机构设置及决算单位构成”中的一段），如“内设机构包括：办公室、财务室”。
    #[serde(default)]
    pub organization: Option<Text>,
}
