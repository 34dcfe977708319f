// The shop's own code: a sign-up is a lead, a purchase a sale. The customer id is the shop's own
// (here kept in the browser for the demo; a real shop uses its account or order ids).
const status = document.getElementById('status');
const customerId = sessionStorage.getItem('customerId') || `cus_${Math.random().toString(36).slice(2, 10)}`;
sessionStorage.setItem('customerId', customerId);

function report(promise, done) {
  promise.then(
    () => (status.textContent = done),
    (error) => (status.textContent = error.message),
  );
}

document.getElementById('signup').addEventListener('submit', (event) => {
  event.preventDefault();
  report(window.linkpulse.lead({ customerId, eventName: 'Newsletter sign-up' }), 'Thanks for signing up!');
});

document.getElementById('buy').addEventListener('click', () => {
  const orderId = `order-${Date.now()}`;
  report(window.linkpulse.sale({ customerId, amount: 4900, currency: 'EUR', invoiceId: orderId }), 'Order placed: thank you!');
});
