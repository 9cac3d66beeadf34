//! Behaviour tests of the checker, the explain pass and the modes.
