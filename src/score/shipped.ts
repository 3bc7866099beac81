// Scoring-side setting shipped beside DEFAULT_PARAMS: the maintenance-margin rate the model is
// given by rules injection (the model has no mmr parameter of its own). Tuned, see tune-real.ts.
export const SHIPPED_MMR: number | null = 0.005;
