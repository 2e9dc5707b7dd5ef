// Preloaded into the CLI: the workstation's clock runs 30 s behind the database server's.
const SKEW_MS = Number(process.env.LEDGER_TEST_CLOCK_SKEW_MS || -30000);
const RealDate = Date;
class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + SKEW_MS);
    else super(...args);
  }
  static now() { return RealDate.now() + SKEW_MS; }
}
globalThis.Date = SkewedDate;
