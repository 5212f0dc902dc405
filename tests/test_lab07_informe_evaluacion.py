"""Lab07 · informe de clasificación, evaluación de modelos del Lab06 y gráficos.

Los ejercicios se prueban en test_lab07_ejercicios.py.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from scipy.special import softmax  # noqa: E402
from sklearn import metrics as skm  # noqa: E402

from Lab06_Entrenamiento.codigo import Adam, construir_mlp, entrenar, predecir_probabilidades  # noqa: E402
from Lab07_Metricas_Evaluacion.codigo import (  # noqa: E402
    EntropiaCruzadaBinariaPonderada,
    auc_roc,
    elegir_umbral,
    evaluar_clasificador,
    evaluar_modelo,
    graficar_curva_pr,
    graficar_curva_roc,
    graficar_matriz_confusion,
    graficar_metricas_umbral,
    graficar_pliegues,
    informe_clasificacion,
    matriz_confusion,
    numeros_de_pliegue,
    probabilidad_positiva,
    tabla_metricas,
)

CLAVES_SK = {"precision": "precision", "sensibilidad": "recall", "f1": "f1-score", "soporte": "support"}


@pytest.mark.parametrize("division_cero", [0.0, 1.0])
def test_informe_igual_que_classification_report(division_cero):
    rng = np.random.default_rng(0)
    for _ in range(40):
        c = int(rng.integers(2, 5))
        n = int(rng.integers(c, 40))
        y_v = rng.integers(0, c, n)
        y_p = np.where(rng.random(n) < 0.6, y_v, rng.integers(0, c, n))
        nuestro = informe_clasificacion(y_v, y_p, como_diccionario=True, division_cero=division_cero)
        clases = np.union1d(y_v, y_p)
        sk = skm.classification_report(y_v, y_p, labels=clases, output_dict=True, zero_division=division_cero)
        for clase in clases:
            for nuestra, suya in CLAVES_SK.items():
                assert nuestro[str(clase)][nuestra] == pytest.approx(sk[str(clase)][suya], abs=1e-12)
        for nuestra_fila, suya_fila in (
            ("promedio macro", "macro avg"),
            ("promedio ponderado", "weighted avg"),
        ):
            for nuestra, suya in CLAVES_SK.items():
                assert nuestro[nuestra_fila][nuestra] == pytest.approx(sk[suya_fila][suya], abs=1e-12)
        assert nuestro["exactitud"] == pytest.approx(skm.accuracy_score(y_v, y_p))


def test_informe_en_texto_con_nombres():
    texto = informe_clasificacion(
        [0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 0, 2], nombres_clases=["gato", "perro", "pez"], digitos=2
    )
    lineas = texto.splitlines()
    assert "precisión" in lineas[0] and "sensibilidad" in lineas[0] and "soporte" in lineas[0]
    assert lineas[2].split() == ["gato", "0.50", "0.50", "0.50", "2"]
    assert lineas[4].split() == ["pez", "1.00", "0.67", "0.80", "3"]
    assert lineas[6].split() == ["exactitud", "0.71", "7"]
    assert lineas[8].split()[:3] == ["promedio", "ponderado", "0.76"]
    with pytest.raises(ValueError, match="3 clases .* pero 2 nombres_clases"):
        informe_clasificacion([0, 1, 2], [0, 1, 2], nombres_clases=["a", "b"])
    with pytest.raises(ValueError, match="digitos"):
        informe_clasificacion([0, 1], [0, 1], digitos=-1)


def test_evaluar_clasificador_binario_y_multiclase_igual_que_sklearn():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 80)
    p = np.clip(0.5 + (y - 0.5) * rng.uniform(0, 1, 80) + rng.normal(0, 0.2, 80), 0, 1)
    r = evaluar_clasificador(y, p, umbral=0.4)
    y_p = (p >= 0.4).astype(int)
    assert r["exactitud"] == pytest.approx(skm.accuracy_score(y, y_p))
    assert r["precision"] == pytest.approx(skm.precision_score(y, y_p))
    assert r["sensibilidad"] == pytest.approx(skm.recall_score(y, y_p))
    assert r["especificidad"] == pytest.approx(skm.recall_score(y, y_p, pos_label=0))
    assert r["f1"] == pytest.approx(skm.f1_score(y, y_p))
    assert r["matthews"] == pytest.approx(skm.matthews_corrcoef(y, y_p))
    assert r["auc_roc"] == pytest.approx(skm.roc_auc_score(y, p))
    assert r["precision_promedio"] == pytest.approx(skm.average_precision_score(y, p))
    # (N, 2) con la clase 0 como positiva
    p2 = np.column_stack([1 - p, p])
    r0 = evaluar_clasificador(y, p2, etiqueta_positiva=0)
    assert r0["auc_roc"] == pytest.approx(skm.roc_auc_score(1 - y, 1 - p))
    y_p0 = np.where(1 - p >= 0.5, 0, 1)  # positivo (0) si su probabilidad 1 − p llega al umbral
    assert r0["precision"] == pytest.approx(skm.precision_score(y, y_p0, pos_label=0))
    # multiclase
    y3 = np.r_[0, 1, 2, rng.integers(0, 3, 57)]
    p3 = softmax(rng.normal(size=(60, 3)) + 2 * np.eye(3)[y3], axis=1)
    r3 = evaluar_clasificador(y3, p3)
    assert r3["f1"] == pytest.approx(skm.f1_score(y3, p3.argmax(1), average="macro"))
    assert r3["auc_roc"] == pytest.approx(skm.roc_auc_score(y3, p3, multi_class="ovr"))
    assert "especificidad" not in r3
    with pytest.raises(ValueError, match="80 ejemplos pero probabilidades tiene 3"):
        evaluar_clasificador(y, p[:3])


def test_probabilidad_positiva():
    np.testing.assert_allclose(probabilidad_positiva([0.2, 0.9]), [0.2, 0.9])
    np.testing.assert_allclose(probabilidad_positiva([0.2, 0.9], 0), [0.8, 0.1])
    np.testing.assert_allclose(probabilidad_positiva([[0.3, 0.7]], 0), [0.3])
    with pytest.raises(ValueError, match=r"\(N,\) o \(N, 2\)"):
        probabilidad_positiva(np.ones((2, 3)) / 3)
    with pytest.raises(ValueError, match="etiqueta_positiva"):
        probabilidad_positiva([0.5], 2)


def test_evaluar_modelo_del_lab06_entrenado_con_peso_positivo():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(200, 2))
    y = (X[:, 0] + 0.5 * X[:, 1] > 1.0).astype(np.int64)  # ~ 20 % de positivos
    modelo = construir_mlp([2, 8, 1], semilla=0)
    perdida = EntropiaCruzadaBinariaPonderada(peso_positivo=(y == 0).sum() / (y == 1).sum())
    entrenar(
        modelo,
        perdida,
        Adam(modelo.parameters(), 0.05),
        (X, y),
        epocas=15,
        tamano_lote=32,
        barra_progreso=False,
        semilla=0,
    )
    r = evaluar_modelo(modelo, X, y)
    assert r["auc_roc"] == pytest.approx(auc_roc(y, predecir_probabilidades(modelo, X)))
    assert r["auc_roc"] > 0.95 and r["sensibilidad"] > 0.8
    texto = tabla_metricas({"ponderado": r, "vacío": {}})
    assert "ponderado" in texto and "auc_roc" in texto and "—" in texto
    with pytest.raises(ValueError, match="vacío"):
        tabla_metricas({})


def test_graficos_dibujan_lo_esperado():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 60)
    s = y + rng.normal(0, 0.8, 60)
    fig, ejes = plt.subplots(1, 5)
    m = matriz_confusion(y, (s > 0.5).astype(int))
    ax = graficar_matriz_confusion(m, ["no", "sí"], normalizar="verdadero", ax=ejes[0])
    textos = [t.get_text() for t in ax.texts]
    assert len(textos) == 4 and textos[0].startswith(f"{m[0, 0] / m[0].sum():.2f}")
    elegido = elegir_umbral(y, s)
    ax = graficar_curva_roc(y, s, ax=ejes[1], etiqueta="modelo", marcar=elegido)
    graficar_curva_roc(y, -s, ax=ax, etiqueta="al revés")
    etiquetas = [t.get_text() for t in ax.get_legend().get_texts()]
    assert etiquetas.count("azar (AUC = 0.5)") == 1 and any(
        "AUC = " in e and "modelo" in e for e in etiquetas
    )
    ax = graficar_curva_pr(y, s, ax=ejes[2], marcar=elegido)
    graficar_curva_pr(y, 2 * s, ax=ax, etiqueta="otro")  # misma proporción: la línea del azar no se repite
    etiquetas = [e.get_text() for e in ax.get_legend().get_texts()]
    assert any(e.startswith("AP = ") for e in etiquetas) and sum(e.startswith("azar") for e in etiquetas) == 1
    ax = graficar_metricas_umbral(y, s, ax=ejes[3], marcar=elegido)
    assert len(ax.get_legend().get_texts()) == 5
    ax = graficar_pliegues(numeros_de_pliegue(y, 4, True, semilla=0), y, ax=ejes[4])
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "clase"
    with pytest.raises(ValueError, match="cuadrada"):
        graficar_matriz_confusion(np.ones((2, 3)))
    with pytest.raises(ValueError, match="métricas desconocidas"):
        graficar_metricas_umbral(y, s, metricas=["exactitudd"])
    with pytest.raises(ValueError, match="numeros_de_pliegue"):
        graficar_pliegues(np.array([0.5, 1.0]))
    plt.close(fig)
