import { Dialog as K } from '@kobalte/core/dialog';
import type { JSX, ParentProps } from 'solid-js';

/** A modal dialog: focus is trapped, Escape closes it, the title names it for screen readers. */
export function Dialog(props: ParentProps<{ open: boolean; onOpenChange: (open: boolean) => void; title: string; footer?: JSX.Element }>) {
  return (
    <K open={props.open} onOpenChange={props.onOpenChange}>
      <K.Portal>
        <K.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <K.Content class="dialog">
            <header class="dialog-header">
              <K.Title class="dialog-title">{props.title}</K.Title>
              <K.CloseButton class="icon-button" aria-label="×">×</K.CloseButton>
            </header>
            <div class="dialog-body">{props.children}</div>
          </K.Content>
        </div>
      </K.Portal>
    </K>
  );
}
