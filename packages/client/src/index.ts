export { DECLARED_FEATURES, withMembersChanged, type MembersChange } from './membership';
export { createWatermarkReporter, type WatermarkReporter } from './watermarkReporter';
export { createReceiptBatcher, type BatchedReceipt, type ReceiptBatcher, type ReceiptKind } from './receiptBatcher';
