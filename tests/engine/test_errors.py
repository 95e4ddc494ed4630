"""PyTorch's exception types and messages for the mistakes students make."""
import warnings

import pytest

import engine
import engine.warn_once

# (name, code) run with `t` bound to engine or torch; both must raise the same type and message.
CASES = {
    "int_requires_grad": "t.tensor(3, requires_grad=True)",
    "int_requires_grad_setter": "t.tensor([1, 2]).requires_grad_()",
    "non_scalar_backward": "(t.tensor([1.0, 2.0], requires_grad=True) * 2).backward()",
    "numpy_requires_grad": "t.tensor([1.0], requires_grad=True).numpy()",
    "leaf_inplace": "t.tensor([1.0], requires_grad=True).add_(1)",
    "leaf_inplace_operator": "exec('a = t.tensor([1.0], requires_grad=True)\\na += 1', {'t': t})",
    "mm_mismatch": "t.mm(t.ones(2, 3), t.ones(2, 3))",
    "matmul_mismatch": "t.ones(2, 3) @ t.ones(2, 3)",
    "matmul_batched_2d": "t.ones(4, 2, 3) @ t.ones(2, 3)",
    "mv_mismatch": "t.mv(t.ones(2, 3), t.ones(2))",
    "matmul_mv_mismatch": "t.ones(2, 3) @ t.ones(2)",
    "matmul_vm_mismatch": "t.ones(2) @ t.ones(3, 2)",
    "dot_mismatch": "t.dot(t.ones(3), t.ones(2))",
    "matmul_0d": "t.tensor(1.0) @ t.ones(2)",
    "broadcast_add": "t.ones(3) + t.ones(2)",
    "broadcast_mul_2d": "t.ones(2, 3) * t.ones(3, 2)",
    "no_grad_fn": "(t.tensor(2.0) * 2).backward()",
    "freed_graph": "exec('x = t.tensor(2.0, requires_grad=True)\\ny = x * x\\ny.backward()\\ny.backward()', {'t': t})",
    "grad_not_callable": "exec('x = t.tensor(2.0, requires_grad=True)\\n(x * 2).backward()\\nx.grad()', {'t': t})",
    "item_many": "t.ones(3).item()",
    "bool_ambiguous": "bool(t.ones(3))",
    "view_bad_shape": "t.ones(6).view(4, 2)",
    "cat_mismatch": "t.cat([t.ones(2, 3), t.ones(2, 2)])",
    "stack_mismatch": "t.stack([t.ones(2), t.ones(3)])",
    "dim_out_of_range": "t.ones(2, 3).sum(2)",
    "index_out_of_range": "t.ones(3)[5]",
    "float_index": "t.ones(3)[t.tensor([0.0])]",
    "mean_of_int": "t.tensor([1, 2]).mean()",
    "mismatched_grad_shape": "(t.ones(3, requires_grad=True) * 2).backward(t.ones(2))",
    "sub_bool": "t.tensor([True]) - t.tensor([False])",
    "neg_bool": "-t.tensor([True])",
    "inplace_float_into_int": "t.tensor([1, 2]).add_(1.5)",
    "expand_bad": "t.ones(2, 3).expand(3, 3)",
    "non_leaf_requires_grad_false": "exec('x = t.tensor(1.0, requires_grad=True)\\n(x * 2).requires_grad_(False)', {'t': t})",
    "grad_unused": "exec('a = t.tensor(1.0, requires_grad=True)\\nb = t.tensor(1.0, requires_grad=True)\\nt.autograd.grad(a * 2, [a, b])', {'t': t})",
    "grad_no_requires": "t.autograd.grad(t.ones(1, requires_grad=True).sum(), [t.ones(1)])",
    "len_0d": "len(t.tensor(1.0))",
    "setitem_view_of_leaf": "exec('w = t.tensor([1.0, 2.0], requires_grad=True)\\nw[0] = 5.0', {'t': t})",
    "setitem_mask_of_leaf": "exec('w = t.tensor([1.0, 2.0], requires_grad=True)\\nw[w > 1] = 5.0', {'t': t})",
    "view_transposed": "t.arange(6).view(2, 3).t().view(6)",
    "view_sliced": "t.ones(3, 4)[:, 1:3].view(-1)",
    "view_expanded": "t.ones(3, 1).expand(3, 4).view(12)",
    "add_str": "t.tensor([1.0, 2.0]) + 'a'",
    "radd_none": "None + t.tensor([1.0])",
    "mul_list": "t.ones(2) * [1, 2]",
    "lt_str": "t.ones(2) < 'a'",
    "ragged_tensor": "t.tensor([[1, 2], [3]])",
    "ragged_tensor_deep": "t.tensor([[[1, 2], [3, 4]], [[1, 2], [3]]])",
    "grad_wrong_size": "exec('x = t.ones(2, requires_grad=True)\\nx.grad = t.ones(3)', {'t': t})",
    "grad_wrong_dtype": "exec('x = t.ones(2, requires_grad=True)\\nx.grad = t.zeros(2, dtype=t.int64)', {'t': t})",
    "repeat_fewer_dims": "t.ones(2, 2).repeat(2)",
    "round_decimals_int": "t.tensor([15, 25]).round(decimals=1)",
    "unique_backward": "t.unique(t.tensor([2.0, 1.0], requires_grad=True)).sum().backward()",
}

EXPECTED = {
    "int_requires_grad": (RuntimeError, "Only Tensors of floating point and complex dtype can require gradients"),
    "non_scalar_backward": (RuntimeError, "grad can be implicitly created only for scalar outputs"),
    "numpy_requires_grad": (RuntimeError, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."),
    "leaf_inplace": (RuntimeError, "a leaf Variable that requires grad is being used in an in-place operation."),
    "mm_mismatch": (RuntimeError, "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"),
    "broadcast_add": (RuntimeError, "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0"),
    "no_grad_fn": (RuntimeError, "element 0 of tensors does not require grad and does not have a grad_fn"),
    "grad_not_callable": (TypeError, "'Tensor' object is not callable"),
    "setitem_view_of_leaf": (RuntimeError, "a view of a leaf Variable that requires grad is being used in an in-place operation."),
    "view_transposed": (RuntimeError, "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."),
    "add_str": (TypeError, "unsupported operand type(s) for +: 'Tensor' and 'str'"),
    "ragged_tensor": (ValueError, "expected sequence of length 2 at dim 1 (got 1)"),
    "grad_wrong_size": (RuntimeError, "attempting to assign a gradient of size '[3]' to a tensor of size '[2]'. Please ensure that the gradient and the tensor are the same size"),
}


def _raise(t, code):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            eval(code, {"t": t})
        except Exception as e:  # noqa: BLE001 - we compare whatever is raised
            return type(e), str(e)
    return None, None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_messages_students_see(name):
    kind, message = EXPECTED[name]
    got = _raise(engine, CASES[name])
    assert got == (kind, message)


@pytest.mark.parametrize("name", sorted(CASES))
def test_engine_raises_for_every_mistake(name):
    kind, _ = _raise(engine, CASES[name])
    assert kind is not None and issubclass(kind, Exception)


@pytest.mark.torch
@pytest.mark.parametrize("name", sorted(CASES))
def test_messages_match_pytorch(name):
    import torch

    e_kind, e_msg = _raise(engine, CASES[name])
    t_kind, t_msg = _raise(torch, CASES[name])
    assert t_kind is not None
    assert e_kind is t_kind or (e_kind.__name__ == t_kind.__name__) or issubclass(t_kind, e_kind)
    assert e_msg == t_msg


def test_non_leaf_grad_warns_like_pytorch():
    x = engine.tensor(2.0, requires_grad=True)
    y = x * 2
    y.backward()
    with pytest.warns(UserWarning) as rec:
        assert y.grad is None
    assert str(rec[0].message).startswith(
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
        "attribute won't be populated during autograd.backward()."
    )


@pytest.mark.torch
def test_non_leaf_grad_warning_text_matches_pytorch():
    import torch

    def message(t):
        x = t.tensor(2.0, requires_grad=True)
        y = x * 2
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            y.grad
        return str(rec[0].message)

    assert message(engine).split("(Triggered")[0] == message(torch).split("(Triggered")[0]


def test_number_modulo_tensor_has_no_derivative_as_in_pytorch():
    t = engine.tensor([2.0, 3.0], requires_grad=True)
    y = 7.0 % t
    assert repr(y) == "tensor([1., 1.], grad_fn=<NotImplemented>)"
    assert repr(y.grad_fn).startswith("<NotImplemented object at ")
    with pytest.raises(RuntimeError, match=r"^derivative for aten::remainder is not implemented$"):
        y.sum().backward()
    (t % 2.0).sum().backward()  # the tensor-dividend overloads keep their derivative
    assert t.grad.tolist() == [1.0, 1.0]


def test_float_of_a_tensor_requiring_grad_warns_once_like_pytorch(monkeypatch):
    monkeypatch.setattr(engine.warn_once, "_issued", set())
    t = engine.tensor(3.0, requires_grad=True)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        assert int(t) == 3 and t.item() == 3.0 and f"{t:.1f}" == "3.0"  # these never warn
        assert not rec
        assert float(t) == 3.0 and float(t * 2) == 6.0 and complex(t) == 3 + 0j
    assert [str(w.message).split("\n")[0] for w in rec] == [
        "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior."]
    assert rec[0].filename == __file__


@pytest.mark.parametrize("product, message", [
    (lambda: engine.tensor([1.0, 2.0]).dot(engine.tensor([1, 2])),
     "dot : expected both vectors to have same dtype, but found Float and Long"),
    (lambda: engine.mv(engine.ones(2, 2, dtype=engine.float64), engine.ones(2)),
     "addmv input tensors must have the same dtype, but got Float, Double, and Float"),
    (lambda: engine.ones(2, 2) @ engine.ones(2, dtype=engine.int64),
     "addmv input tensors must have the same dtype, but got Long, Float, and Long"),
    (lambda: engine.mm(engine.ones(2, 2), engine.ones(2, 2, dtype=engine.float64)),
     "expected m1 and m2 to have the same dtype, but got: float != double"),
    (lambda: engine.bmm(engine.ones(1, 2, 2), engine.ones(1, 2, 2, dtype=engine.float64)),
     "expected scalar type Float but found Double"),
])
def test_matrix_products_of_mixed_dtypes_say_what_pytorch_says(product, message):
    with pytest.raises(RuntimeError) as info:
        product()
    assert str(info.value) == message


def test_T_off_matrices_warns_once_per_kind_and_mT_needs_a_matrix(monkeypatch):
    monkeypatch.setattr(engine.warn_once, "_issued", set())
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        engine.ones(2, 3).T
        assert not rec  # matrices are what .T is for
        for _ in range(2):
            assert engine.tensor(1.0).T.shape == ()
            assert engine.ones(2).T.shape == (2,)
            assert engine.ones(2, 3, 4).T.shape == (4, 3, 2)
    assert [str(w.message).split(".")[0] for w in rec] == [
        "Tensor", "The use of `x"]
    assert all(w.filename == __file__ for w in rec)
    with pytest.raises(RuntimeError, match=r"^tensor.mT is only supported on matrices or batches "
                                           r"of matrices. Got 1-D tensor.$"):
        engine.ones(2).mT


def test_backward_gradients_must_be_tensors_as_torch_checks_them():
    x = engine.ones(3, requires_grad=True)
    with pytest.raises(TypeError, match="gradients can be either Tensors or None, but got float"):
        (x * 2).backward([1.0, 1.0, 1.0])
    with pytest.raises(TypeError, match="'float' object is not iterable"):
        x.sum().backward(1.0)
    # torch pairs gradients with outputs by zip: an extra gradient is ignored
    (g,) = engine.autograd.grad([x * 2], x, [engine.ones(3), engine.ones(3)])
    assert g.tolist() == [2.0, 2.0, 2.0]
    with pytest.raises(RuntimeError, match="should be a sequence of length 2, got 1"):
        engine.autograd.backward([x * 2, x * 3], [engine.ones(3)])


@pytest.mark.parametrize("mistake, kind, message", [
    (lambda: engine.ones(2, 3)[:, ::-1], ValueError, "step must be greater than zero"),
    (lambda: engine.ones(2, 3)[0, 0, 0], IndexError, "too many indices for tensor of dimension 2"),
    (lambda: engine.tensor(1.0)[0], IndexError, "invalid index of a 0-dim tensor"),
    (lambda: engine.ones(2, 3).permute(0, 0), RuntimeError, "duplicate dims are not allowed"),
    (lambda: engine.ones(-1), RuntimeError, "Trying to create tensor with negative dimension -1"),
    (lambda: engine.arange(0, 10, -1), RuntimeError, "inconsistent with step sign"),
    (lambda: engine.linspace(0, 1, -1), RuntimeError, "number of steps must be non-negative"),
    (lambda: engine.stack([]), RuntimeError, "stack expects a non-empty TensorList"),
    (lambda: engine.cat(engine.ones(2), 0), TypeError, "must be tuple of Tensors, not Tensor"),
])
def test_argument_mistakes_get_torchs_errors(mistake, kind, message):
    with pytest.raises(kind, match=message):
        mistake()


def test_sizes_devices_and_requires_grad_behave_as_torchs():
    size = engine.Size([2, 3])
    assert repr(size * 2) == "torch.Size([2, 3, 2, 3])"
    assert repr((5,) + size) == "torch.Size([5, 2, 3])"
    assert (engine.device("cpu") == "cpu") is False  # a device equals devices only
    y = engine.ones(2, requires_grad=True) * 2
    with pytest.raises(RuntimeError, match="only change requires_grad flags of leaf variables."):
        y.requires_grad = True
    y.requires_grad_(True)  # allowed


@pytest.mark.parametrize("data, dtype, kind, message", [
    ([300], engine.int8, RuntimeError, "value cannot be converted to type int8 without overflow"),
    ([2 ** 63], None, ValueError, "Overflow when unpacking long long"),
    (["a", "b"], None, ValueError, "too many dimensions 'str'"),
])
def test_torch_tensor_refuses_what_does_not_fit(data, dtype, kind, message):
    with pytest.raises(kind, match=message):
        engine.tensor(data, dtype=dtype)
    assert engine.tensor([-1], dtype=engine.uint8).tolist() == [255]  # wraps, as in torch


def test_integer_powers_and_randint_sizes_as_torch():
    base, exponent = engine.tensor([2, 1, -1, -1, 3, 0]), engine.tensor([-1, -1, -1, -2, 0, 2])
    assert (base ** exponent).tolist() == [0, 1, -1, 1, 1, 0]  # numpy would refuse
    assert (2 ** engine.tensor([-1, 2])).tolist() == [0, 4]
    with pytest.raises(TypeError, match=r"got \(int, int, int\), but expected one of:"):
        engine.randint(0, 5, 3)
