// Placeholder replaced by the electron-shell work: the `electron` module as tests see it.
export {};
