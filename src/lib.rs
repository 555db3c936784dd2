//! trace-path: how an e-mail travelled and where it stopped.

pub mod chain;
