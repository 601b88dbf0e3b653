"""Many small least-squares fits at once: one per dyad and partner, batched.

The models of :mod:`twinflames.fit` interact every term with the partner's indicator and have
no global intercept, so their coefficients are two separate per-partner OLS fits while their
R² and standard errors are those of the joint (stacked) fit. :func:`fit_pairs` returns both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: a column whose QR pivot is this small relative to its norm is aliased (R's lm uses 1e-7)
RANK_TOL = 1e-7
#: rows per batch of the QR (keeps the working set near 64 MB)
_CHUNK_BYTES = 64 * 2**20


@dataclass(frozen=True)
class PairFit:
    """Joint OLS fits of two partners per dyad.

    Attributes
    ----------
    coef, se : numpy.ndarray
        Shape ``(D, 2, p)``; NaN for aliased columns (as R's ``lm``) and too-short dyads.
    n : numpy.ndarray
        Rows used (both partners), shape ``(D,)``.
    rss : numpy.ndarray
        Residual sum of squares of the joint fit, shape ``(D,)``.
    r2, r2_adj : numpy.ndarray
        Uncentred R² (no intercept, as R's ``summary.lm``) and its adjusted form.
    rank : numpy.ndarray
        Identified coefficients of the joint fit, shape ``(D,)``.
    rss_each, n_each, rank_each : numpy.ndarray
        Each partner's residual sum of squares, rows and identified coefficients, shape
        ``(D, 2)`` (for models whose two equations have their own error variance).
    inv_diag : numpy.ndarray
        Diagonal of each partner's ``(X'X)^-1``, shape ``(D, 2, p)``.
    full_rank : numpy.ndarray
        ``True`` where every coefficient is identified, shape ``(D,)``.
    """

    coef: np.ndarray
    se: np.ndarray
    n: np.ndarray
    rss: np.ndarray
    r2: np.ndarray
    r2_adj: np.ndarray
    rank: np.ndarray
    full_rank: np.ndarray
    rss_each: np.ndarray
    n_each: np.ndarray
    rank_each: np.ndarray
    inv_diag: np.ndarray


def _pivots(gram: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Batched Cholesky factor of the column-scaled Gram matrix and its pivots.

    The squared pivot of column ``j`` is the share of that column left after projecting out
    the columns before it, i.e. ``(R_jj / |X_j|)^2`` of the QR that R's ``lm`` uses.
    """
    B, p, _ = gram.shape
    L = np.zeros_like(gram)
    pivot = np.ones((B, p))
    for j in range(p):
        d = gram[:, j, j] - np.einsum("bk,bk->b", L[:, j, :j], L[:, j, :j])
        pivot[:, j] = d
        root = np.sqrt(np.where(d > 0, d, 1.0))
        L[:, j, j] = root
        for i in range(j + 1, p):
            L[:, i, j] = (gram[:, i, j] - np.einsum("bk,bk->b", L[:, i, :j], L[:, j, :j])) / root
    return L, pivot


def _normal_solve(design: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """Least squares for a stack of ``(T, p)`` systems with masked rows already zeroed: normal
    equations on column-scaled designs plus one step of iterative refinement (as accurate as
    QR for these small, well-scaled systems; checked against rties to 1e-15)."""
    X = design
    B, T, p = X.shape
    coef = np.full((B, p), np.nan)
    inv_diag = np.full((B, p), np.nan)
    rss = np.zeros(B)
    ok = np.zeros(B, bool)
    step = max(1, _CHUNK_BYTES // max(1, T * p * 8))
    for lo in range(0, B, step):
        sl = slice(lo, lo + step)
        Xs, ys = X[sl], y[sl]
        Xt = Xs.transpose(0, 2, 1)
        gram = Xt @ Xs
        norms = np.sqrt(np.diagonal(gram, axis1=1, axis2=2))
        scale = np.where(norms > 0, norms, 1.0)
        scaled = gram / scale[:, :, None] / scale[:, None, :]
        _, pivot = _pivots(scaled)
        good = np.all((pivot > RANK_TOL**2) & (norms > 0), axis=1)
        scaled = np.where(good[:, None, None], scaled, np.eye(p))
        inv = np.linalg.inv(scaled)
        b = (inv @ ((Xt @ ys[:, :, None])[:, :, 0] / scale)[:, :, None])[:, :, 0]
        resid = ys - (Xs @ (b / scale)[:, :, None])[:, :, 0]
        b = b + (inv @ ((Xt @ resid[:, :, None])[:, :, 0] / scale)[:, :, None])[:, :, 0]
        b = b / scale
        resid = ys - (Xs @ b[:, :, None])[:, :, 0]
        coef[sl] = np.where(good[:, None], b, np.nan)
        diag = np.diagonal(inv, axis1=1, axis2=2) / scale**2
        inv_diag[sl] = np.where(good[:, None], diag, np.nan)
        rss[sl] = np.einsum("bt,bt->b", resid, resid)
        ok[sl] = good
    rank = np.where(ok, p, 0)
    for b in np.flatnonzero(~ok):
        coef[b], inv_diag[b], rss[b], rank[b] = _aliased(X[b], y[b])
    return coef, inv_diag, rss, ok, rank


def _aliased(design: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, float, int]:
    """One rank-deficient system as R's ``lm`` fits it: a column that adds (almost) nothing to
    the columns before it is aliased (coefficient NA) and the rest are fitted."""
    X = design
    p = X.shape[1]
    keep: list[int] = []
    for j in range(p):
        norm = np.linalg.norm(X[:, j])
        if norm == 0:
            continue
        if keep:
            basis, _ = np.linalg.qr(X[:, keep])
            rest = X[:, j] - basis @ (basis.T @ X[:, j])
            if np.linalg.norm(rest) <= RANK_TOL * norm:
                continue
        keep.append(j)
    coef = np.full(p, np.nan)
    inv_diag = np.full(p, np.nan)
    if not keep:
        return coef, inv_diag, float(y @ y), 0
    Q, R = np.linalg.qr(X[:, keep])
    Rinv = np.linalg.inv(R)
    b = Rinv @ (Q.T @ y)
    resid = y - X[:, keep] @ b
    coef[keep] = b
    inv_diag[keep] = (Rinv * Rinv).sum(axis=1)
    return coef, inv_diag, float(resid @ resid), len(keep)


def fit_pairs(design: np.ndarray, y: np.ndarray, mask: np.ndarray) -> PairFit:
    """Fit ``y[d, k] ~ design[d, k]`` for every dyad ``d`` and partner ``k`` over the rows in
    ``mask``.

    Parameters
    ----------
    design : numpy.ndarray
        Regressors, shape ``(D, 2, T, p)`` (NaN allowed outside ``mask``).
    y : numpy.ndarray
        Responses, shape ``(D, 2, T)``.
    mask : numpy.ndarray
        Rows to use, shape ``(D, 2, T)``.

    Returns
    -------
    PairFit
    """
    D, _, T, p = design.shape
    Xz = np.where(mask[..., None], design, 0.0).reshape(D * 2, T, p)
    yz = np.where(mask, y, 0.0).reshape(D * 2, T)
    coef, inv_diag, rss, ok, rank = _normal_solve(Xz, yz)
    n = mask.sum(axis=(1, 2))
    rank_each = rank.reshape(D, 2)
    rank = rank_each.sum(axis=1)
    dof = n - rank
    rss_joint = rss.reshape(D, 2).sum(axis=1)
    syy = np.einsum("bt,bt->b", yz, yz).reshape(D, 2).sum(axis=1)
    enough = (dof > 0) & (rank > 0) & (syy > 0)
    full_rank = ok.reshape(D, 2).all(axis=1) & enough
    with np.errstate(invalid="ignore", divide="ignore"):
        r2 = np.where(enough, 1.0 - rss_joint / syy, np.nan)
        r2_adj = np.where(enough, 1.0 - (1.0 - r2) * n / dof, np.nan)
        sigma2 = np.where(enough, rss_joint / dof, np.nan)
    coef = np.where(enough[:, None, None], coef.reshape(D, 2, p), np.nan)
    se = np.sqrt(sigma2[:, None, None] * inv_diag.reshape(D, 2, p))
    return PairFit(coef=coef, se=se, n=n, rss=np.where(enough, rss_joint, np.nan), r2=r2,
                   r2_adj=r2_adj, rank=rank, full_rank=full_rank,
                   rss_each=np.where(rank_each.reshape(-1) > 0, rss, np.nan).reshape(D, 2),
                   n_each=mask.sum(axis=2), rank_each=rank_each,
                   inv_diag=inv_diag.reshape(D, 2, p))


def shifted(e: np.ndarray, shift: np.ndarray, n_time: np.ndarray) -> np.ndarray:
    """``e[d, k, t + shift[d]]``, NaN where that falls outside the dyad's ``0 .. n_time - 1``.

    Parameters
    ----------
    e : numpy.ndarray
        Series, shape ``(D, 2, T)``.
    shift : numpy.ndarray
        Integer shift per dyad, shape ``(D,)`` (negative: a past value).
    n_time : numpy.ndarray
        Series length per dyad, shape ``(D,)``.
    """
    T = e.shape[2]
    idx = np.arange(T)[None, :] + shift[:, None]
    inside = (idx >= 0) & (idx < n_time[:, None])
    taken = np.take_along_axis(e, np.clip(idx, 0, T - 1)[:, None, :].repeat(2, axis=1), axis=2)
    return np.where(inside[:, None, :], taken, np.nan)
