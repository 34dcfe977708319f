/** Short confirmations and errors, announced to screen readers by <Toasts>. */
export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
  /** one button in the toast (Undo); running it dismisses the toast */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run: () => void;
}

class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;

  push(text: string, kind: Toast['kind'] = 'success', ms = kind === 'error' ? 7000 : 3500, action?: ToastAction): void {
    const id = this.#next++;
    this.items.push({ id, kind, text, action });
    setTimeout(() => this.dismiss(id), ms);
  }

  error(text: string): void {
    this.push(text, 'error');
  }

  /** A confirmation that offers to take the action back, shown long enough to read and decide. */
  undoable(text: string, undo: () => void): void {
    this.push(text, 'success', 12_000, { label: 'Undo', run: undo });
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
