/** Reports on stored studies: summaries, trial tables, plots and program printing. */
export { formatDiagnostics, formatNumber, formatStudyHeader, formatStudyReport, lossOf, studyReport } from './study-report.ts';
export type { ReportedTrial, StudyReport } from './study-report.ts';
export { trialsAsCsv, trialsAsJson } from './trial-table.ts';
export { studyPlotSpec } from './study-plot.ts';
export { figure, renderImage, renderSvg, svgToPng } from './render.ts';
export { evenSample, PLOT_POINTS } from './downsample.ts';
export type { EvenSample } from './downsample.ts';
export { printProgram, programPrinters } from './program-printers.ts';
export type { ProgramPrinter } from './program-printers.ts';
