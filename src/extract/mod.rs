//! Extractors: one module per kind of finding. Each reads a segmented [`Doc`](crate::text::Doc)
//! and returns [`Span`](crate::model::Span)s with byte offsets.

pub mod dates;
pub mod numbers;
pub mod quotes;
pub(crate) mod ranges;
pub mod style;
pub(crate) mod wordset;
