import type { ComponentProps } from 'react';
import { buttonClass, type ButtonSize, type ButtonVariant } from './Button';
import { iconSizeClass, type Icon } from './Icon';

interface IconButtonProps extends Omit<ComponentProps<'button'>, 'children' | 'aria-label'> {
  /** The accessible name, also shown as the tooltip. */
  label: string;
  icon: Icon;
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** A button showing only an icon; screen readers and the tooltip give its name. */
export function IconButton(props: IconButtonProps) {
  const {
    label,
    icon: IconComponent,
    variant = 'ghost',
    size = 'md',
    type = 'button',
    className = '',
    ...rest
  } = props;
  return (
    <button
      type={type}
      aria-label={label}
      title={label}
      className={`${buttonClass(variant, size, true)} ${className}`}
      {...rest}
    >
      <IconComponent className={iconSizeClass[size]} />
    </button>
  );
}
