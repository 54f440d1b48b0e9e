import type { ComponentProps } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'md' | 'sm';

// Disabled buttons keep readable text (WCAG AA) rather than fading out: their label still says what they do.
const variantClasses: Record<ButtonVariant, string> = {
  primary: 'bg-accent text-accent-fg hover:bg-accent-hover disabled:bg-surface-strong disabled:text-fg-muted',
  secondary: 'border border-border bg-surface text-fg hover:bg-surface-hover disabled:text-fg-muted',
  ghost: 'text-fg hover:bg-surface-hover aria-expanded:bg-surface-hover disabled:text-fg-muted',
  danger: 'bg-danger text-accent-fg hover:bg-danger-hover disabled:bg-surface-strong disabled:text-fg-muted',
};

const sizeClasses: Record<ButtonSize, string> = {
  md: 'px-3 py-2 text-sm',
  sm: 'px-2 py-0.5 text-xs',
};

const iconOnlySizeClasses: Record<ButtonSize, string> = {
  md: 'p-2',
  sm: 'p-1',
};

/** The look of a button; also for a link that looks like one. */
export function buttonClass(variant: ButtonVariant, size: ButtonSize, iconOnly = false): string {
  const padding = iconOnly ? iconOnlySizeClasses[size] : sizeClasses[size];
  return `inline-flex shrink-0 items-center justify-center gap-1.5 rounded-md font-medium transition-colors disabled:cursor-not-allowed ${variantClasses[variant]} ${padding}`;
}

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

export function Button({ variant = 'primary', size = 'md', type = 'button', className = '', ...props }: ButtonProps) {
  return <button type={type} className={`${buttonClass(variant, size)} ${className}`} {...props} />;
}
