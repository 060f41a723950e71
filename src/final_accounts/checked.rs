//! A checked 部门决算 as the other files of this kind see it. Kept apart from `mod.rs`, which
//! loads and renders it, so `document`, `context` and `prior` can name it without an import
//! circle.

use super::figures::Figures;
use super::model::Model;
use crate::performance::overall::OverallResult;
use crate::performance::project::ProjectEvaluation;
use crate::performance::DeptFigures;
use crate::render::profile::Profile;
use crate::core::catalog::Catalog;
use std::path::PathBuf;
use std::sync::Arc;

/// A checked 部门决算: its model and figures, the self-evaluations it carries as annexes
/// (beside the model, not inside it) and the profile it is rendered with.
pub struct FinalAccounts {
    pub model: Model,
    pub figures: Figures,
    pub annexes: Annexes,
    pub profile: Profile,
    /// The year's classification catalogue with the names this file typed laid over it.
    pub catalog: Arc<Catalog>,
    /// Other data files it read (`prior:`).
    pub links: Vec<PathBuf>,
}

/// The self-evaluations annexed to a 决算: 附件1 项目支出绩效自评表 and 附件2 整体支出绩效自评报告.
pub struct Annexes {
    pub projects: Vec<ProjectEvaluation>,
    pub overall: Option<OverallResult>,
    /// The 决算's figures the evaluations quote.
    pub dept: DeptFigures,
}
