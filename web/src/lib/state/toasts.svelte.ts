/** Short confirmations and errors, announced to screen readers by <Toasts>. */
export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;

  push(text: string, kind: Toast['kind'] = 'success', ms = kind === 'error' ? 7000 : 3500): void {
    const id = this.#next++;
    this.items.push({ id, kind, text });
    setTimeout(() => this.dismiss(id), ms);
  }

  error(text: string): void {
    this.push(text, 'error');
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
