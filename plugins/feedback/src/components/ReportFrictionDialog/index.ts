export { ReportFrictionDialog } from './ReportFrictionDialog';
export type { ReportFrictionDialogProps } from './ReportFrictionDialog';
