/** Reports on stored studies: summaries, trial tables, plots and program printing. */
export { formatNumber, formatStudyReport, lossOf, studyReport } from './study-report.ts';
export type { ReportedTrial, StudyReport } from './study-report.ts';
export { trialsAsCsv, trialsAsJson } from './trial-table.ts';
export { renderSvg, studyPlotSpec, svgToPng } from './plot.ts';
export { printProgram, programPrinters } from './program-printers.ts';
export type { ProgramPrinter } from './program-printers.ts';
