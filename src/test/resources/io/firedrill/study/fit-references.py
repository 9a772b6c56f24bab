# References for FitTest: maximum-likelihood shapes solved at 60 digits with mpmath, the data taken
# as the exact binary doubles the test passes.
import mpmath as m
m.mp.dps = 60
def weibull(x):
    x = [m.mpf(v) for v in x]; n = len(x); L = sum(m.log(v) for v in x) / n
    g = lambda k: sum(v**k * m.log(v) for v in x) / sum(v**k for v in x) - 1/k - L
    k0 = m.pi / (m.sqrt(6) * m.sqrt(sum((m.log(v) - L)**2 for v in x) / n))
    k = m.findroot(g, k0)
    return k, (sum(v**k for v in x) / n)**(1/k)
def gamma(x):
    x = [m.mpf(v) for v in x]; n = len(x); mean = sum(x) / n
    s = m.log(mean) - sum(m.log(v) for v in x) / n
    k = m.findroot(lambda k: m.log(k) - m.digamma(k) - s, (3 - s + m.sqrt((s - 3)**2 + 24*s)) / (12*s))
    return s, k
for x in ([99.99, 100.0, 100.01], [0.5, 1.0, 2.0, 4.0, 7.0]):
    k, lam = weibull(x); s, kg = gamma(x)
    print(x); print(' weibull k', m.nstr(k, 25), 'scale', m.nstr(lam, 25))
    print(' gamma s', m.nstr(s, 25), 'k', m.nstr(kg, 25), '1/(2s)+1/6', m.nstr(1/(2*s) + m.mpf(1)/6, 25))

# Maximised log-likelihoods of the near-equal values (densities per unit of the values).
x = [m.mpf(v) for v in (99.99, 100.0, 100.01)]; n = len(x)
mean = sum(x) / n; L = sum(m.log(v) for v in x) / n
sigma = m.sqrt(sum((m.log(v) - L)**2 for v in x) / n)
print('ll exponential', m.nstr(-n * (m.log(mean) + 1), 25))
print('ll lognormal', m.nstr(sum(-m.log(v) - m.log(sigma) - m.log(2*m.pi)/2 - (m.log(v) - L)**2 / (2*sigma**2) for v in x), 25))
k, lam = weibull(x)
print('ll weibull', m.nstr(sum(m.log(k / lam) + (k - 1) * m.log(v / lam) - (v / lam)**k for v in x), 25))
s, kg = gamma(x); th = mean / kg
print('ll gamma', m.nstr(sum((kg - 1) * m.log(v) - v / th - m.loggamma(kg) - kg * m.log(th) for v in x), 25))

# The same data in seconds, minutes and hours (FitCommandTest): 599.99, 600, 600.01 hours, in weeks.
x = [599.99, 600.0, 600.01]
k, lam = weibull(x); s, kg = gamma(x)
X = [m.mpf(v) for v in x]; L = sum(m.log(v) for v in X) / 3
sig = m.sqrt(sum((m.log(v) - L)**2 for v in X) / 3)
print('weibull', m.nstr(k, 10), m.nstr(lam / 168, 10), 'gamma', m.nstr(kg, 11), m.nstr(sum(X) / 3 / 168, 10))
print('lognormal', m.nstr(m.exp(L) / 168, 10), m.nstr(m.exp(L + m.mpf('1.2815515655446004') * sig) / 168, 10))
