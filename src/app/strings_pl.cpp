// The Polish catalogue of the string table (strings.h): one entry per id, in the order of strings.h. Plural strings
// give three forms separated by '|': one (1), few (2-4, 22-24, ...) and many (0, 5-21, 25-31, ...). The printf
// conversions (%d, %s, %.3f ...) are the English text's, in the same order. Decimal numbers keep the point, as in the
// lecture's printouts and the Keras code the lab shows.
#include "app/strings.h"

namespace hebblab {

const Translation kPolish[] = {
    {Str::AppTitle, "HebbLab"},
    {Str::AppSubtitle, "Wstęp do sieci neuronowych: laboratorium interaktywne"},
    {Str::TabHopfield, "Hopfield"},
    {Str::TabConvolution, "Konwolucja"},
    {Str::TabCnn, "CNN"},
    {Str::TabAbout, "O programie"},
    {Str::AboutText,
     "HebbLab zamienia wykład „Wstęp do sieci neuronowych” w eksperymenty, które możesz przeprowadzić "
     "samodzielnie: prawo Hebba i sieci Hopfielda, konwolucja obrazów oraz sieć konwolucyjna trenowana na zbiorze "
     "MNIST."},
    {Str::AboutStart, "Od czego zacząć"},
    {Str::AboutStartText,
     "Przejdź wykład krok po kroku w zakładce „Lekcje” albo odkrywaj samodzielnie: otwórz zakładkę Hopfield. "
     "Naciśnij „Litera A”, a potem „Zapamiętaj wzorzec”; naciśnij „Litera "
     "Z” i znowu „Zapamiętaj wzorzec”. Naciśnij jeszcze raz „Litera A”, zdeformuj ją przyciskiem "
     "„Zaburz” i naciśnij „Uruchom”: sieć odtwarza literę, a wykres energii opada krok po kroku. "
     "Przełącz na aktualizację asynchroniczną, odwróć więcej pikseli, zapamiętaj więcej liter i sprawdź, "
     "kiedy odtwarzanie zaczyna zawodzić; dokładnie to mierzy „Badanie pojemności”."},
    {Str::AboutSaved,
     "Wszystkie zmiany są na bieżąco zapisywane na tym urządzeniu i zostaną przywrócone przy następnej "
     "wizycie. Ctrl+Z (Cofnij) przywraca wyczyszczoną siatkę lub usunięte wzorce."},
    {Str::AboutLanguageSample, "Polskie litery w dołączonej czcionce: zażółć gęślą jaźń"},
    {Str::Notices, "Oprogramowanie i dane innych autorów"},
    {Str::NoticesText,
     "Dear ImGui (MIT), SDL2 (zlib), Eigen (MPL 2.0), czcionki DejaVu (licencja Bitstream Vera). Dane MNIST: Yann "
     "LeCun, Corinna Cortes i Christopher J.C. Burges."},
    {Str::Settings, "Ustawienia"},
    {Str::UiScale, "Rozmiar tekstu"},
    {Str::StatusSaved, "Zapisano ustawienia"},
    {Str::StatusSaveFailed, "Nie udało się zapisać ustawień: %s"},
    {Str::StatusLoadProblem, "Części zapisanych ustawień nie udało się odczytać (%s); pozostałe przywrócono"},
    {Str::FrameCounter, "klatka %llu"},
    {Str::HopGrid, "Stan sieci x (jeden neuron na piksel)"},
    {Str::HopGridSize, "Siatka"},
    {Str::HopGridChangedPatterns,
     "Zapamiętane wzorce miały inny rozmiar i zostały odłożone: „Cofnij” je przywróci."},
    {Str::HopTool, "Mysz"},
    {Str::HopToolPaint, "rysuj"},
    {Str::HopToolInspect, "zbadaj neuron"},
    {Str::HopPaintHelp,
     "Rysowanie: lewy przycisk (albo palec) ustawia wybraną tu wartość, prawy przycisk drugą. Z klawiatury: Spacja "
     "+1, Enter -1."},
    {Str::HopPaintWith, "Lewy przycisk maluje"},
    {Str::HopPaintBlack, "+1 (czarny)"},
    {Str::HopPaintWhite, "−1 (biały)"},
    {Str::HopInspectHelp, "Kliknij neuron, aby zobaczyć sumę, od której zależy jego następna wartość."},
    {Str::HopPresetA, "Litera A"},
    {Str::HopPresetZ, "Litera Z"},
    {Str::HopPresetGlyph, "Wczytaj znak"},
    {Str::HopPresetThree, "x = [1, -1, -1]"},
    {Str::HopClear, "Wyczyść"},
    {Str::HopInvert, "Odwróć"},
    {Str::HopShift, "Przesuń"},
    {Str::HopUndo, "Cofnij"},
    {Str::HopStore, "Zapamiętaj wzorzec"},
    {Str::HopForgetAll, "Zapomnij wszystkie"},
    {Str::HopStored, "Zapamiętane wzorce: %d (kliknij wzorzec, aby go wczytać)"},
    {Str::HopThumbHelp, "Wczytaj ten wzorzec do siatki"},
    {Str::HopRemove, "usuń"},
    {Str::HopNoneStored,
     "Nie ma jeszcze zapamiętanych wzorców: narysuj wzorzec (albo wczytaj literę) i naciśnij „Zapamiętaj "
     "wzorzec”."},
    {Str::HopFilePath, "Plik"},
    {Str::HopSaveFile, "Zapisz wzorce"},
    {Str::HopLoadFile, "Wczytaj wzorce"},
    {Str::HopFileHelp,
     "Plik wzorców to zwykły tekst: jeden wiersz obrazu w każdej linii, X = +1 (czarny) i O = -1 (biały), pusta "
     "linia między wzorcami, przed każdym wzorcem opcjonalna linia '# nazwa'. Wszystkie wzorce w pliku mają ten "
     "sam rozmiar."},
    {Str::HopFileSaved, "Zapisano wzorce"},
    {Str::HopFileLoaded,
     "Wczytano %d wzorzec z %s („Cofnij” przywróci poprzednie wzorce)"
     "|Wczytano %d wzorce z %s („Cofnij” przywróci poprzednie wzorce)"
     "|Wczytano %d wzorców z %s („Cofnij” przywróci poprzednie wzorce)"},
    {Str::HopFileReadFailed, "Nie udało się wczytać pliku: "},
    {Str::HopFileNothingChanged, " (nic nie zmieniono)"},
    {Str::HopFileTooLarge, "wzorce większe niż 32 × 32 neurony nie są obsługiwane (nic nie zmieniono)"},
    {Str::HopDeform, "Deformacja"},
    {Str::HopFlip, "Piksele do odwrócenia"},
    {Str::HopSeed, "Ziarno"},
    {Str::HopFlipButton, "Zaburz"},
    {Str::HopDeformHelp, "albo rysuj po obrazie"},
    {Str::HopRecall, "Odtwarzanie"},
    {Str::HopMode, "Aktualizacja"},
    {Str::HopModeSync, "synchroniczna"},
    {Str::HopModeAsync, "asynchroniczna"},
    {Str::HopModeHelp,
     "Synchroniczna: wszystkie neurony naraz, x(t+1) = sgn(W x(t)), jak na wykładzie. Asynchroniczna: jeden krok "
     "to przejście przez wszystkie neurony w losowej kolejności (wyznaczonej przez ziarno); każdy neuron "
     "korzysta z wartości zaktualizowanych przed nim."},
    {Str::HopStep, "Krok"},
    {Str::HopRun, "Uruchom"},
    {Str::HopStop, "Zatrzymaj"},
    {Str::HopSpeed, "Kroków na sekundę"},
    {Str::HopSgnRule, "sgn(h) = +1 dla h ≥ 0, −1 dla h < 0 (więc sgn(0) = +1)."},
    {Str::HopEnergy, "Energia E = −½ Σ_ij w_ij x_i x_j w kolejnych krokach"},
    {Str::HopStepAxis, "krok"},
    {Str::HopEnergyNow, "E = %.3f po %d kroku|E = %.3f po %d krokach|E = %.3f po %d krokach"},
    {Str::HopOutcomePattern, "Sieć osiągnęła zapamiętany wzorzec %s"},
    {Str::HopOutcomeInverse, "Sieć osiągnęła odwrotność zapamiętanego wzorca %s"},
    {Str::HopOutcomeSpurious, "Sieć osiągnęła stan pozorny (nie jest to zapamiętany wzorzec)"},
    {Str::HopOutcomeCycle, "Sieć oscyluje między dwoma stanami (cykl o okresie 2)"},
    {Str::HopOutcomeRunning, "Sieć jeszcze się nie ustaliła"},
    {Str::HopOverlaps, "Przekrycie z każdym zapamiętanym wzorcem"},
    {Str::HopOverlapHelp,
     "m = (1/N) sum_i x_i xi_i: +1, gdy stan jest równy wzorcowi, -1, gdy jest jego odwrotnością, blisko 0, gdy "
     "nie są ze sobą powiązane. Każdy pasek biegnie od linii środkowej (m = 0): w prawo dla dodatniego m, w lewo "
     "dla ujemnego, aż do krawędzi przy +1 lub -1."},
    {Str::HopHebbHelp,
     "Prawo Hebba: neurony, które razem się pobudzają, razem się łączą. Zapamiętanie wzorca x dodaje x_i "
     "x_j do wagi w_ij: +1, gdy oba piksele są zgodne, -1, gdy się różnią. To jest iloczyn zewnętrzny x xᵀ; "
     "uśredniony po n wzorcach i z usuniętą przekątną daje W = (1/n) Σ x xᵀ − I."},
    {Str::HopEnergyHelp,
     "Przy symetrycznych wagach i zerowej przekątnej ustawienie jednego neuronu na sgn(h_i) zmienia energię o "
     "-2|h_i| (albo jej nie zmienia), nigdy w górę, więc aktualizacja asynchroniczna prowadzi tylko w dół, aż do "
     "minimum: zapamiętanego wzorca, jego odwrotności albo stanu pozornego. Aktualizacja synchroniczna zmienia "
     "wszystkie neurony naraz i może oscylować między dwoma stanami."},
    {Str::HopInspector, "Podgląd neuronu"},
    {Str::HopInspectorEmpty, "Wybierz „zbadaj neuron” i kliknij neuron na siatce."},
    {Str::HopInspectorNeuron, "Neuron %d (wiersz %d, kolumna %d), x = %+d"},
    {Str::HopInspectorMore,
     " + ... (jeszcze %d niezerowy składnik)"
     "| + ... (jeszcze %d niezerowe składniki)"
     "| + ... (jeszcze %d niezerowych składników)"},
    {Str::HopInspectorDecision, "h = %.4g, więc sgn(h) = %+d"},
    {Str::HopInspectorStays, "Neuron zachowuje swoją wartość."},
    {Str::HopInspectorFlips, "Neuron zmieni znak przy następnej aktualizacji."},
    {Str::HopInspectorEnergy, "Jego energia E_%d = −½ x_i h_i = %.4g"},
    {Str::HopWeights, "Wagi W"},
    {Str::HopWeightsNumbers, "W jako liczby"},
    {Str::HopWeightsHelp,
     "Wiersz i, kolumna j to w_ij: na czerwono, gdy zapamiętane wzorce przeważnie są zgodne w pikselach i oraz "
     "j, na niebiesko, gdy przeważnie się różnią. Na przekątnej są zera. Najedź kursorem, aby zobaczyć "
     "wartość."},
    {Str::HopNeuronEnergies, "Energia każdego neuronu E_i = −½ x_i h_i"},
    {Str::HopNeuronEnergyHelp,
     "Niebieskie neurony są zgodne ze swoim polem (niska energia); czerwone są z nim niezgodne i zmienią znak. "
     "Suma wszystkich E_i to E."},
    {Str::ConvInput, "Obraz wejściowy f(x, y)"},
    {Str::ConvSourceDraw, "rysunek"},
    {Str::ConvSourceMnist, "cyfra MNIST"},
    {Str::ConvSourcePhoto, "zdjęcie"},
    {Str::ConvSourceOwn, "mój obraz"},
    {Str::ConvCanvasSize, "Płótno"},
    {Str::ConvClear, "Wyczyść"},
    {Str::ConvBrush, "Pędzel"},
    {Str::ConvPaintHelp,
     "Rysowanie: lewy przycisk dodaje tusz (1), prawy go ściera (0). Pędzel jest miękki na brzegach."},
    {Str::ConvLoading, "Wczytywanie ..."},
    {Str::ConvMnistIndex, "Obraz testowy"},
    {Str::ConvMnistLabel, "etykieta %d"},
    {Str::ConvMnistNext, "Następny z tą etykietą"},
    {Str::ConvImagePath, "Plik obrazu"},
    {Str::ConvPhotoCredit,
     "camera.png: zdjęcie Lava Varshneya, CC0 (ze scikit-image), 128 × 128, w odcieniach szarości."},
    {Str::ConvOpenImage, "Otwórz obraz"},
    {Str::ConvOwnHelp,
     "PNG, JPEG lub PGM; możesz też upuścić plik na okno. Duże obrazy są zmniejszane do 128 pikseli."},
    {Str::ConvImageLoaded, "Wczytano %s (%d × %d, wyświetlany jako %d × %d w odcieniach szarości)"},
    {Str::ConvKernel, "Jądro w(dx, dy)"},
    {Str::ConvKernelIdentity, "tożsamość"},
    {Str::ConvKernelSharpen, "wyostrzenie"},
    {Str::ConvKernelMean, "rozmycie uśredniające (1/9)"},
    {Str::ConvKernelLaplacian, "laplasjan"},
    {Str::ConvKernelGaussian, "rozmycie Gaussa (1/16)"},
    {Str::ConvKernelSobelH, "Sobel: krawędzie poziome"},
    {Str::ConvKernelSobelV, "Sobel: krawędzie pionowe"},
    {Str::ConvKernelCustom, "własne jądro"},
    {Str::ConvMagnitude, "Sobel: moduł gradientu"},
    {Str::ConvMagnitudeHelp,
     "√(gx² + gy²): siła krawędzi niezależnie od jej kierunku, z dwóch jąder Sobela."},
    {Str::ConvMagnitudeText, "Wyjście = √(gx² + gy²), gdzie gx i gy to odpowiedzi dwóch jąder Sobela."},
    {Str::ConvNormalise, "Normalizuj"},
    {Str::ConvNormaliseHelp,
     "Dzieli każdą wagę przez sumę wszystkich wag, więc jednolity obraz zachowuje jasność; gdy wagi sumują "
     "się do 0 (jądra krawędziowe), dzieli przez sumę ich wartości bezwzględnych."},
    {Str::ConvCopyLecture, "Zacznij od jądra Sobela"},
    {Str::ConvSettings, "Krok i dopełnienie"},
    {Str::ConvStride, "Krok (stride)"},
    {Str::ConvPadding, "Dopełnienie (padding)"},
    {Str::ConvSizeValid,
     "valid: rozmiar wyjścia = floor((n - k) / s) + 1, szerokość floor((%d - %d) / %d) + 1 = %d, wysokość "
     "floor((%d - %d) / %d) + 1 = %d"},
    {Str::ConvSizeSame,
     "same: rozmiar wyjścia = ceil(n / s), z zerami wokół obrazu (dodatkowy wiersz i kolumna na dole i po "
     "prawej), szerokość ceil(%d / %d) = %d, wysokość ceil(%d / %d) = %d"},
    {Str::ConvFormulaHelp,
     "g(x, y) = suma po dx, dy iloczynów w(dx, dy) f(x + dx, y + dy): jądro przesuwa się po obrazie (nie jest "
     "odwracane, tak jak w Conv2D w Keras), a każdy piksel wyjściowy to suma iloczynów pod jądrem."},
    {Str::ConvOutput, "Obraz wyjściowy g(x, y)"},
    {Str::ConvScale, "Skala kolorów"},
    {Str::ConvAutoScale, "autoskala"},
    {Str::ConvColourHelp, "Czerwony: odpowiedź dodatnia, niebieski: ujemna, biały: zero."},
    {Str::ConvGreyHelp,
     "Wagi sumują się do 1, więc wyjście jest obrazem: rysujemy je w skali szarości wejścia (0 czarny, 1 biały)."},
    {Str::ConvClipped,
     "%d piksel poza 0…1 przycięty|%d piksele poza 0…1 przycięte|%d pikseli poza 0…1 przyciętych"},
    {Str::ConvInspector, "Obliczenie jednego piksela wyjściowego"},
    {Str::ConvPlay, "Odtwórz"},
    {Str::ConvPause, "Wstrzymaj"},
    {Str::ConvStep, "Krok"},
    {Str::ConvStepsPerSecond, "pikseli na sekundę"},
    {Str::ConvInspectorEmpty,
     "Najedź kursorem na obraz wyjściowy albo naciśnij „Odtwórz”, aby przesuwać jądro piksel po pikselu."},
    {Str::ConvInspectorMagnitude,
     "Moduł gradientu łączy dwie konwolucje; wybierz jedno jądro Sobela, aby zobaczyć jego sumy."},
    {Str::ConvInspectorPixel, "g(%d, %d): lewa górna waga jądra nad f(%d, %d)"},
    {Str::ConvInspectorWindow, "wejście f"},
    {Str::ConvInspectorWeights, "jądro w"},
    {Str::ConvInspectorProducts, "iloczyny w f"},
    {Str::ConvInspectorSum, "g(%d, %d) = suma iloczynów = %.4f"},
    {Str::StatusDropWhere, "Pliki wzorców upuszczaj na zakładkę Hopfield, a obrazy na zakładkę Konwolucja."},
    {Str::HopTabRecall, "Uczenie i odtwarzanie"},
    {Str::HopCapacity, "Badanie pojemności"},
    {Str::HopCapacityHelp,
     "Zapamiętaj P losowych wzorców w N neuronach, odwróć część pikseli jednego z nich i policz, jak często "
     "odtwarzanie zwraca dokładnie ten wzorzec. Znane progi: 0.138 N oraz N / (2 ln N)."},
    {Str::HopCapUserPatterns, "użyj moich zapamiętanych wzorców"},
    {Str::HopCapUserHelp,
     "Zamiast losowych wzorców zapamiętaj pierwsze P spośród własnych (N = rozmiar siatki). Litery są do "
     "siebie podobne, więc zakłócają się wcześniej niż wzorce losowe."},
    {Str::HopCapModeSeed, "Tryb aktualizacji (%s) i ziarno (%d) odtwarzania ustawia się w zakładce „%s”."},
    {Str::HopCapN, "Liczba neuronów N"},
    {Str::HopCapPmax, "Największe P"},
    {Str::HopCapNoise, "Szum (część odwróconych pikseli)"},
    {Str::HopCapTrials, "Prób na każde P"},
    {Str::HopCapStart, "Rozpocznij eksperyment"},
    {Str::HopCapCancel, "Anuluj"},
    {Str::HopCapRunning, "Trwa: %.0f%%"},
    {Str::HopCapCancelled, "Anulowano"},
    {Str::HopCapDone, "Gotowe"},
    {Str::HopCapFailed, "Błąd: %s"},
    {Str::HopCapAxisX, "P / N"},
    {Str::HopCapAxisY, "część odtworzonych"},
    {Str::CnnPartInside, "Rysuj i zajrzyj do środka"},
    {Str::CnnPartModel, "Model sieci"},
    {Str::CnnPartTrain, "Dane i trening"},
    {Str::CnnPartEvaluate, "Test i macierz pomyłek"},
    {Str::CnnModelNone,
     "Nie ma jeszcze modelu: wytrenowany model z wykładu właśnie się wczytuje; możesz też zbudować własny i "
     "go wytrenować."},
    {Str::CnnModelLoading, "Wczytywanie wytrenowanego modelu z wykładu..."},
    {Str::CnnModelCurrent, "Bieżący model: %s"},
    {Str::CnnModelPretrained, "wytrenowany model z wykładu"},
    {Str::CnnModelTrainedHere, "wytrenowany tutaj"},
    {Str::CnnInput, "Wejście"},
    {Str::CnnSourcePaint, "rysunek"},
    {Str::CnnSourceTest, "obraz testowy"},
    {Str::CnnSourceTrain, "obraz treningowy"},
    {Str::CnnPaintHelp,
     "Narysuj cyfrę lewym przyciskiem, zmaż prawym. Model widzi obraz 28 × 28 po prawej: przycięty do tuszu, "
     "przeskalowany do 20 × 20 z zachowaniem proporcji i wyśrodkowany względem środka masy – tak jak "
     "przygotowano cyfry MNIST."},
    {Str::CnnClear, "Wyczyść"},
    {Str::CnnBrush, "Pędzel"},
    {Str::CnnWhatModelSees, "Co widzi model (28 × 28)"},
    {Str::CnnTestIndex, "Obraz testowy"},
    {Str::CnnTestLabel, "etykieta %d"},
    {Str::CnnTestNotLoaded, "Wczytywanie 10 000 obrazów testowych MNIST..."},
    {Str::CnnDeform, "Zdeformuj wejście"},
    {Str::CnnDeformHelp,
     "Przesuwaj, obracaj, skaluj lub dodawaj szum, aż predykcja się załamie – jak przy zdeformowanych literach "
     "w rozdziale o sieci Hopfielda."},
    {Str::CnnShiftX, "przesunięcie x"},
    {Str::CnnShiftY, "przesunięcie y"},
    {Str::CnnRotate, "obrót"},
    {Str::CnnScale, "skala"},
    {Str::CnnNoise, "szum"},
    {Str::CnnDeformReset, "Resetuj"},
    {Str::CnnPrediction, "Predykcja: %d (%.1f%%)"},
    {Str::CnnProbabilities, "Prawdopodobieństwa klas (softmax)"},
    {Str::CnnExportPgm, "Eksportuj wejście do PGM"},
    {Str::CnnFeatureMaps, "Mapy cech, warstwa po warstwie"},
    {Str::CnnFeatureHelp,
     "Wszystkie mapy każdej warstwy dla bieżącego wejścia, jaśniej = większa wartość. Kliknij mapę, aby "
     "ją powiększyć."},
    {Str::CnnLayerSame, "%s: te same wartości co w poprzedniej warstwie (przy predykcji)"},
    {Str::CnnFilters, "Wyuczone filtry 3 × 3 pierwszej warstwy obok jąder z wykładu"},
    {Str::CnnFiltersHelp,
     "Po lewej: wyuczone jądra pierwszej warstwy Conv2D (niebieski – ujemne, czerwony – dodatnie). Po prawej: "
     "ręcznie dobrane jądra z wykładu na tym samym wejściu, jak w zakładce Konwolucja."},
    {Str::CnnEnlarged, "%s, mapa %d z %d"},
    {Str::CnnBuilderHelp,
     "Zbuduj model Sequential: dodawaj, usuwaj, przestawiaj i edytuj warstwy. Ostatnia warstwa Dense dostaje po "
     "jednym neuronie na klasę i softmax."},
    {Str::CnnPreset, "Szablon"},
    {Str::CnnPresetLecture, "model z wykładu"},
    {Str::CnnPresetQuick, "szybki model"},
    {Str::CnnPresetDense, "tylko Dense"},
    {Str::CnnAddLayer, "Dodaj warstwę"},
    {Str::CnnRemove, "Usuń"},
    {Str::CnnUp, "Wyżej"},
    {Str::CnnDown, "Niżej"},
    {Str::CnnFilters1, "filtry"},
    {Str::CnnKernel, "jądro"},
    {Str::CnnStrides, "krok"},
    {Str::CnnPadding, "dopełnienie"},
    {Str::CnnPool, "okno"},
    {Str::CnnRate, "odsetek"},
    {Str::CnnUnits, "neurony"},
    {Str::CnnActivation, "aktywacja"},
    {Str::CnnSummary, "model.summary()"},
    {Str::CnnKerasCode, "Kod Keras"},
    {Str::CnnSpecProblem, "Nie można zbudować tego modelu: %s"},
    {Str::CnnSpecLayerProblem, "Warstwa %d nie może następować po poprzedniej: %s"},
    {Str::CnnSaveModel, "Pobierz model"},
    {Str::CnnSaveModelPath, "Zapisz model"},
    {Str::CnnOpenModel, "Otwórz model..."},
    {Str::CnnModelPath, "plik modelu"},
    {Str::CnnModelSaved, "Zapisano model jako %s"},
    {Str::CnnModelOpened, "Otwarto %s"},
    {Str::CnnModelBad, "%s nie jest poprawnym modelem: %s. Bieżący model pozostał bez zmian."},
    {Str::CnnData, "Dane"},
    {Str::CnnDataMnist, "cyfry MNIST"},
    {Str::CnnDataMnistSize, "60 000 obrazów treningowych i 10 000 testowych"},
    {Str::CnnDataOwn, "własny zbiór danych"},
    {Str::CnnDataOwnOpen, "Dodaj pliki IDX..."},
    {Str::CnnDataOwnHelp,
     "Cztery pliki IDX w takiej postaci, w jakiej udostępniany jest MNIST (surowe *-ubyte lub spakowane gzipem "
     "*-ubyte.gz): train-images, train-labels i opcjonalnie t10k-images oraz t10k-labels. Od 2 do 10 klas; wejście "
     "modelu dopasowuje się do rozmiaru obrazów."},
    {Str::CnnDataOwnState, "%s: obrazy treningowe: %d, rozmiar %d × %d, liczba klas: %d"},
    {Str::CnnDataOwnMissing, "Dodaj obrazy treningowe i ich etykiety."},
    {Str::CnnDataSubset, "użyte obrazy treningowe"},
    {Str::CnnLectureSteps, "Kroki z wykładu"},
    {Str::CnnShowTrainImages, "Pokaż obrazy treningowe"},
    {Str::CnnTrainImage, "X_train[%d], etykieta y_train[%d] = %d"},
    {Str::CnnLookInside, "Zajrzyj do środka z tym obrazem"},
    {Str::CnnTraining, "Trening (model.fit)"},
    {Str::CnnBatchSize, "batch_size"},
    {Str::CnnEpochs, "epochs"},
    {Str::CnnOptimizer, "optymalizator"},
    {Str::CnnLearningRate, "współczynnik uczenia"},
    {Str::CnnMomentum, "pęd (momentum)"},
    {Str::CnnValidationSplit, "validation_split"},
    {Str::CnnSeed, "ziarno (seed)"},
    {Str::CnnThreads, "wątki"},
    {Str::CnnThreadsHelp,
     "Każdy batch jest dzielony na tyle części, ile jest wątków; części uczą się jednocześnie na %d z %d rdzeni "
     "tego komputera, a ich gradienty są sumowane. To samo ziarno i ta sama liczba wątków dają ten sam model."},
    {Str::CnnOneThread,
     "Ta strona nie jest izolowana między źródłami (cross-origin isolated), więc przeglądarka nie daje jej pamięci "
     "współdzielonej i trening używa jednego wątku (README, \"Hosting the site\", wymienia nagłówki, które musi "
     "wysyłać serwer)."},
    {Str::CnnReproducible, "Ten sam wynik na każdym komputerze (wolniej)"},
    {Str::CnnReproducibleHelp,
     "Każda suma jest liczona w tej samej kolejności i z tym samym zaokrągleniem na każdym komputerze i w każdej "
     "przeglądarce, więc to samo ziarno, wątki i dane dają te same wagi co do bitu: porównaj odciski."},
    {Str::CnnFingerprint, "Odcisk wag: %s"},
    {Str::CnnSpeed, "%.0f obrazów/s na %d wątku|%.0f obrazów/s na %d wątkach|%.0f obrazów/s na %d wątkach"},
    {Str::CnnStart, "Trenuj nowy model"},
    {Str::CnnContinue, "Kontynuuj trening"},
    {Str::CnnPause, "Wstrzymaj"},
    {Str::CnnResume, "Wznów"},
    {Str::CnnStop, "Zatrzymaj"},
    {Str::CnnClearRuns, "Wyczyść wcześniejsze przebiegi"},
    {Str::CnnTrainHelp,
     "Trening działa w tle (w przeglądarce jako Web Worker, na komputerze w osobnym wątku): możesz dalej "
     "rysować, gdy model się uczy; mapy cech nadążają za wagami kilka razy na sekundę."},
    {Str::CnnStarting, "Pobieranie danych treningowych i uruchamianie..."},
    {Str::CnnPaused, "Wstrzymano"},
    {Str::CnnStopped, "Zatrzymano: model zachowuje wagi wyuczone do tej pory."},
    {Str::CnnDone, "Gotowe: strata testowa %.4f, dokładność testowa %.2f%%"},
    {Str::CnnDiverged, "Trening przerwany: %s. Model zachowuje ostatnie poprawne wagi."},
    {Str::CnnFailed, "Trening nie powiódł się: %s"},
    {Str::CnnLossAxis, "strata"},
    {Str::CnnAccuracyAxis, "dokładność"},
    {Str::CnnEpochAxis, "epoka"},
    {Str::CnnCurvesHelp,
     "Cienka linia: kolejne paczki danych (batch), wygładzona; kropki: średnia z epoki; kwadraty: zbiór "
     "walidacyjny. Wcześniejsze przebiegi pozostają wyblakłe, dopóki ich nie wyczyścisz."},
    {Str::CnnEvaluate, "Oceń na obrazach testowych"},
    {Str::CnnEvaluating, "Trwa ocena..."},
    {Str::CnnTestResult, "Strata testowa %.4f, dokładność testowa %.2f%% (liczba obrazów: %d)"},
    {Str::CnnConfusionHelp,
     "Wiersze: prawdziwa cyfra; kolumny: przewidziana. Kliknij komórkę, aby zobaczyć jej obrazy; kliknij obraz, "
     "aby zajrzeć do środka."},
    {Str::CnnConfusionEmpty, "Oceń model (albo dokończ trening), aby wypełnić macierz pomyłek."},
    {Str::CnnCellImages,
     "%d obraz z etykietą %d rozpoznany jako %d"
     "|%d obrazy z etykietą %d rozpoznane jako %d"
     "|%d obrazów z etykietą %d rozpoznanych jako %d"},
    {Str::CnnTrue, "prawdziwa"},
    {Str::CnnPredicted, "przewidziana"},
    {Str::CnnSlots, "Zapisane na tym urządzeniu"},
    {Str::CnnSlotSave, "Zapisz w slocie"},
    {Str::CnnSlotLoad, "Wczytaj"},
    {Str::CnnSlotDelete, "Usuń"},
    {Str::CnnSlotSaved, "Zapisano w slocie „%s”"},
    {Str::CnnSlotSaveFailed,
     "Nie udało się zapisać slotu „%s” (%s); jego dotychczasowa zawartość pozostała bez zmian"},
    {Str::CnnSlotNameHelp, "Nazwa slotu ma od 1 do 64 znaków: litery, cyfry, spacje, '-', '_' lub '.'."},
    {Str::CnnNeeds28,
     "Rysowanie wymaga modelu, który przyjmuje obrazy 28 × 28; ten przyjmuje %s. Wybierz zamiast tego obraz "
     "testowy."},
    {Str::MenuLanguage, "Język"},
    {Str::LanguageEnglish, "angielski (English)"},
    {Str::LanguagePolish, "polski"},
    {Str::MenuTheme, "Motyw"},
    {Str::ThemeLight, "Jasny"},
    {Str::ThemeDark, "Ciemny"},
    {Str::ThemeHighContrast, "Wysoki kontrast"},
    {Str::DebugOverlay, "Pokaż licznik klatek (dla programistów)"},
    {Str::MenuHelp, "Pomoc"},
    {Str::HelpShortcuts, "Skróty klawiszowe"},
    {Str::KeyArrows, "Strzałki"},
    {Str::KeyArrowsDoes, "Przesuń ramkę fokusu do następnej kontrolki w tym kierunku."},
    {Str::KeyActivate, "Spacja, Enter"},
    {Str::KeyActivateDoes, "Naciśnij przycisk, zaznacz pole lub rozwiń listę, na której jest ramka."},
    {Str::KeyPanels, "F6, Ctrl+Tab"},
    {Str::KeyPanelsDoes,
     "Przejdź do następnego panelu (z Shift: do poprzedniego). W przeglądarce Ctrl+Tab zmienia karty: użyj F6."},
    {Str::KeyTab, "Tabulator"},
    {Str::KeyTabDoes, "Przejdź do następnego pola liczbowego, np. do następnej komórki własnego jądra."},
    {Str::KeyEscape, "Esc"},
    {Str::KeyEscapeDoes, "Zamknij menu lub listę; opuść pole liczbowe lub kursor siatki."},
    {Str::KeyGrid, "Na siatce"},
    {Str::KeyGridDoes, "Strzałki przesuwają kursor, Spacja maluje +1 (czarny), Enter maluje -1 (biały)."},
    {Str::KeyUndo, "Ctrl+Z"},
    {Str::KeyUndoDoes, "Cofnij ostatnią zmianę siatki lub zapamiętanych wzorców."},
    {Str::KeyPages, "Page Down, Page Up"},
    {Str::KeyPagesDoes, "Następny lub poprzedni krok lekcji (takie klawisze wysyła pilot do prezentacji)."},
    {Str::SiteOffline, "Praca offline"},
    {Str::SiteOfflineDesktop,
     "Wersja na komputer nie potrzebuje internetu: wszystko, czego używa, jest na tym komputerze."},
    {Str::SiteOfflineUnsupported,
     "Ta przeglądarka nie obsługuje service workerów, więc nie można tu zapisać HebbLab do pracy offline."},
    {Str::SiteOfflineInsecure,
     "Ta strona jest wczytywana przez zwykły HTTP z adresu innego niż localhost, a wtedy przeglądarki nie "
     "pozwalają na service worker: stąd HebbLab nie zadziała offline. Przez HTTPS (albo z localhost) zadziała; "
     "zob. README."},
    {Str::SiteOfflineInstalling, "Zapisywanie HebbLab na tym urządzeniu do pracy offline..."},
    {Str::SiteOfflineReady,
     "HebbLab jest zapisany na tym urządzeniu: otwiera się, a wszystkie laboratoria działają bez internetu."},
    {Str::SiteOfflineFailed, "Nie udało się zapisać HebbLab do pracy offline: %s"},
    {Str::SiteUpdateReady, "Gotowa jest nowa wersja HebbLab."},
    {Str::SiteUpdate, "Aktualizuj"},
    {Str::AssetFailed, "Nie udało się wczytać %s: %s"},
    {Str::AssetRetry, "Ponów"},
    {Str::TabLessons, "Lekcje"},
    {Str::LessonsIntro,
     "Wykład „Wstęp do sieci neuronowych” krok po kroku: każdy krok objaśnia jedną myśl, podaje jej wzór, "
     "a przycisk „Pokaż” ustawia laboratorium w stanie, który opisuje. Dla prowadzących: PageDown i PageUp "
     "(to wysyłają piloty do prezentacji) przechodzą dalej i wstecz podczas wyświetlania na rzutniku; "
     "każdy krok ma własny link."},
    {Str::LessonsContents, "Spis treści"},
    {Str::LessonStepOf, "Krok %d z %d"},
    {Str::LessonShowMe, "Pokaż"},
    {Str::LessonPrevious, "Wstecz"},
    {Str::LessonNext, "Dalej"},
    {Str::LessonClose, "Zamknij lekcję"},
    {Str::LessonKeys, "PageDown / PageUp: następny / poprzedni krok"},
    {Str::LessonLink, "Link do tego kroku: #%s"},
    {Str::LessonShown,
     "Laboratorium pokazuje ten krok. „Cofnij” w laboratorium Hopfielda przywraca to, co było w nim "
     "wcześniej."},
    {Str::LessonChapterHebb, "1. Uczenie się w mózgu"},
    {Str::LessonChapterHopfield, "2. Sieć Hopfielda"},
    {Str::LessonChapterConvolution, "3. Konwolucja obrazów"},
    {Str::LessonChapterCnn, "4. Sieć konwolucyjna w Kerasie"},
    {Str::LessonHebbTitle, "Prawa Thorndike’a i Hebba"},
    {Str::LessonHebbText,
     "W 1933 roku Edward Thorndike zaproponował, że uczenie się wzmacnia jakąś własność neuronów. W 1949 "
     "roku Donald Hebb wskazał którą: połączenie dwóch komórek wzmacnia się, gdy jedna z nich wielokrotnie "
     "pobudza drugą. W skrócie: neurony, które razem się pobudzają, razem się łączą. Dla neuronów o "
     "wartościach +1 albo −1 staje się to regułą dla wagi: dodaj iloczyn x_i x_j, równy +1, gdy oba się "
     "zgadzają, i −1, gdy się różnią. „Pokaż” ustawia trzy neurony na x = [1, −1, −1]; niczego jeszcze nie "
     "zapamiętano, więc każda waga wynosi 0."},
    {Str::LessonOuterTitle, "Iloczyn zewnętrzny: trzy neurony"},
    {Str::LessonOuterText,
     "Zapamiętaj x = [1, −1, −1]: każda waga w_ij staje się równa x_i x_j, więc cała macierz wag to "
     "iloczyn zewnętrzny x xᵀ. Jej przekątna (każdy neuron sam ze sobą) zawsze wynosi +1 i nic nie mówi, "
     "dlatego odejmuje się macierz jednostkową I. Odczytaj liczby: −1 między neuronami, które się różnią, "
     "+1 między tymi, które się zgadzają."},
    {Str::LessonPixelsTitle, "Jeden neuron na piksel"},
    {Str::LessonPixelsText,
     "Pomysł Hopfielda (1982): jeden neuron odpowiada jednemu pikselowi czarno-białego obrazu, więc jego "
     "stan to +1 (czarny) albo −1 (biały), a każdy neuron może być połączony z każdym innym przez macierz "
     "wag W. Zadanie z wykładu to prosty OCR: litery A i Z jako obrazki 5 × 5, czyli 25 neuronów. „Pokaż” "
     "wstawia A do siatki; maluj po niej, by zmieniać neurony."},
    {Str::LessonRuleTitle, "Uczenie n wzorców"},
    {Str::LessonRuleText,
     "Aby nauczyć sieć n wzorców, dodaj ich iloczyny zewnętrzne, podziel przez n i usuń przekątną. "
     "Piksele, na których wzorce się zgadzają, dostają dodatnie wagi, a te, na których się różnią, ujemne. "
     "„Pokaż” zapamiętuje A i Z: W jest teraz macierzą 25 × 25, symetryczną, z zerami na przekątnej."},
    {Str::LessonEnergyTitle, "Energia"},
    {Str::LessonEnergyText,
     "Każdy stan sieci ma energię. Para neuronów ją obniża, gdy ich waga zgadza się z ich stanami (w_ij "
     "x_i x_j > 0), więc zapamiętane wzorce leżą w dolinach. Udział neuronu i to E_i = −½ x_i h_i, gdzie "
     "h_i to ważona suma, którą neuron otrzymuje. „Pokaż” wstawia A do siatki i otwiera inspektor na "
     "środkowym neuronie: jego sumę, jej znak i jego energię."},
    {Str::LessonDeformTitle, "Zaczynamy od czegoś zdeformowanego"},
    {Str::LessonDeformText,
     "Sieć ma naprawić uszkodzoną literę. „Pokaż” odwraca 3 z 25 pikseli litery A: to wejście do "
     "odtwarzania. Jego energia jest wyższa niż energia samego A."},
    {Str::LessonRecallTitle, "Ewolucja w czasie: odtwarzanie"},
    {Str::LessonRecallText,
     "W każdym kroku każdy neuron przyjmuje znak sumy, którą otrzymuje, wszystkie naraz. „Pokaż” uruchamia "
     "ten proces: energia spada krok po kroku, a sieć zatrzymuje się na zapamiętanym A. Przy aktualizacji "
     "asynchronicznej (neuron po neuronie) energia nigdy nie rośnie; synchroniczna może też przeskakiwać "
     "między dwoma stanami, więc patrz na wiersz z wynikiem."},
    {Str::LessonConvTitle, "Konwolucja"},
    {Str::LessonConvText,
     "Konwolucja przesuwa małe jądro (filtr) w po obrazie wejściowym f: każdy piksel wyjściowy g(x, y) to "
     "suma wag jądra pomnożonych przez piksele pod nimi. Pierwsze jądro z wykładu to filtr Sobela dla "
     "krawędzi poziomych: dodatni tam, gdzie obraz jaśnieje w dół, ujemny tam, gdzie ciemnieje. „Pokaż” "
     "stosuje go do zdjęcia; najedź na obraz wyjściowy, by zobaczyć sumę dla jednego piksela."},
    {Str::LessonKernelsTitle, "Tabela jąder"},
    {Str::LessonKernelsText,
     "Tabela z wykładu: tożsamość zostawia obraz bez zmian, wyostrzanie (5 w środku, −1 dookoła) wzmacnia "
     "różnice, rozmycie uśredniające uśrednia dziewięć pikseli (po 1/9), rozmycie Gaussa najmocniej waży "
     "środek (4/16, 2/16, 1/16), a laplasjan (−4 w środku) znajduje krawędzie w każdym kierunku. „Pokaż” "
     "przepuszcza pierwszą cyfrę testową MNIST przez laplasjan; wypróbuj na niej pozostałe jądra."},
    {Str::LessonMnistTitle, "Dane MNIST"},
    {Str::LessonMnistText,
     "mnist.load_data() daje 60 000 obrazów treningowych X_train po 28 × 28 pikseli z etykietami y_train "
     "(pierwsze dziesięć: 5 0 4 1 9 2 1 3 1 4) oraz 10 000 obrazów testowych. Piksele dzieli się przez "
     "255, by leżały między 0 a 1, a każda etykieta staje się wektorem długości 10 z jedną jedynką "
     "(to_categorical). „Pokaż” otwiera kroki z wykładu i obrazy treningowe."},
    {Str::LessonModelTitle, "Model sieci"},
    {Str::LessonModelText,
     "Model Sequential z wykładu: dwie warstwy Conv2D po 32 filtry 3 × 3 z ReLU, MaxPooling2D 2 × 2, "
     "Dropout 0.25, Flatten, Dense 128 z ReLU, Dropout 0.5 i Dense 10 z softmaksem, który zamienia "
     "dziesięć wyjść w prawdopodobieństwa. model.summary() wypisuje kształt wyjścia każdej warstwy i liczy "
     "parametry."},
    {Str::LessonFitTitle, "Kompilacja i trening"},
    {Str::LessonFitText,
     "model.compile wybiera funkcję straty (entropia krzyżowa), optymalizator (Adam) i miarę (dokładność); "
     "model.fit przechodzi przez obrazy treningowe paczkami po 32, epoka po epoce, przesuwając każdą wagę "
     "odrobinę przeciw gradientowi straty. „Pokaż” ustawia rozmiar paczki i optymalizator z wykładu; "
     "naciśnij „Trenuj nowy model” i patrz, jak strata spada, a strona pozostaje używalna."},
    {Str::LessonPredictTitle, "Predykcja: zajrzyj do środka"},
    {Str::LessonPredictText,
     "model.predict(x) daje dziesięć prawdopodobieństw dla obrazu. „Pokaż” podaje wytrenowanemu modelowi "
     "pierwszy obraz testowy, siódemkę: rysowana jest każda mapa cech każdej warstwy, od detektorów "
     "krawędzi pierwszej warstwy Conv2D do dziesięciu wyjść. Potem narysuj własną cyfrę albo deformuj tę, "
     "aż predykcja się pomyli."},
};
const size_t kPolishCount = sizeof(kPolish) / sizeof(kPolish[0]);

}  // namespace hebblab
