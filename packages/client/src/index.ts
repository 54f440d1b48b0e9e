export { createWatermarkReporter, type WatermarkReporter } from './watermarkReporter';
