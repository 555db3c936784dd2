//! Authentication and filtering along the path: the parsers of the
//! headers receivers write about authentication and filter verdicts.

mod lex;
pub mod model;
pub mod results;
pub mod spf;
pub mod dkim;
pub mod arc;
pub mod vendors;
