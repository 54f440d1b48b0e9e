export {
  DECLARED_FEATURES,
  membersChangeFit,
  withMembersChanged,
  withNewestMembers,
  type MembersChange,
  type MembersChangeFit,
} from './membership';
export { createWatermarkReporter, type WatermarkReporter } from './watermarkReporter';
export { createReceiptBatcher, type BatchedReceipt, type ReceiptBatcher, type ReceiptKind } from './receiptBatcher';
